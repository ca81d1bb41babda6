package io.renewd.azure;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.tools.DiagnosticCollector;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** README's Azure Key Vault client example compiles against the SDK version the Azure suite tests with. */
class ReadmeClientExampleTest {

    @Test
    void theJavaExampleCompiles(@TempDir Path out) throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        int start = readme.indexOf("```java\n");
        assertThat(start).as("README has a Java example").isNotNegative();
        String source = readme.substring(start + "```java\n".length(), readme.indexOf("```", start + 1));

        var compiler = ToolProvider.getSystemJavaCompiler();
        var diagnostics = new DiagnosticCollector<JavaFileObject>();
        try (StandardJavaFileManager files = compiler.getStandardFileManager(diagnostics, null, null)) {
            JavaFileObject example = new SimpleJavaFileObject(URI.create("string:///RenewdExample.java"), JavaFileObject.Kind.SOURCE) {
                @Override
                public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                    return source;
                }
            };
            List<String> options = List.of("-classpath", System.getProperty("java.class.path"), "-d", out.toString());
            boolean compiled = compiler.getTask(null, files, diagnostics, options, null, List.of(example)).call();
            assertThat(compiled).as("README's example compiles: %s", diagnostics.getDiagnostics()).isTrue();
        }
    }
}
