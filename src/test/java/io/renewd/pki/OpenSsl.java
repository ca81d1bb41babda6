package io.renewd.pki;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs the openssl command line (openssl 3) in a directory, as the independent judge of what renewd writes. */
final class OpenSsl {

    private static final String BINARY = "/usr/bin/openssl";

    record Result(int exitCode, String output) {
    }

    private OpenSsl() {
    }

    static Result run(Path directory, String... arguments) {
        List<String> command = new ArrayList<>(List.of(BINARY));
        command.addAll(List.of(arguments));
        try {
            Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
            process.getOutputStream().close();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("openssl " + String.join(" ", arguments) + " did not finish in 60 s");
            }
            return new Result(process.exitValue(), output);
        } catch (IOException e) {
            throw new AssertionError("cannot run " + BINARY + " (is openssl installed?)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while running openssl", e);
        }
    }

    /** Runs openssl, asserts it succeeded and returns what it printed. */
    static String ok(Path directory, String... arguments) {
        Result result = run(directory, arguments);
        assertThat(result.exitCode()).as("openssl %s\n%s", String.join(" ", arguments), result.output()).isZero();
        return result.output();
    }
}
