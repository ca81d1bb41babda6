package io.renewd.http;

import io.quarkus.test.junit.QuarkusTestProfile;
import io.renewd.testing.TestTls;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * renewd's listeners as the packaged service sets them up: every {@code %prod.quarkus.http.*},
 * {@code %prod.quarkus.management.*}, {@code %prod.quarkus.smallrye-openapi.*} and
 * {@code %prod.quarkus.swagger-ui.*} setting of application.properties (API over HTTPS only,
 * health and metrics on the management interface, no OpenAPI document), with the test's
 * certificate and free ports.
 */
public class ProductionListeners implements QuarkusTestProfile {

    static final Path APPLICATION_PROPERTIES = Path.of("src/main/resources/application.properties");

    private static final List<String> PREFIXES = List.of("%prod.quarkus.http.", "%prod.quarkus.management.",
            "%prod.quarkus.smallrye-openapi.", "%prod.quarkus.swagger-ui.");

    /** The production settings of the HTTP server, the management interface and the OpenAPI document, without their profile prefix. */
    public static Map<String, String> productionListenerSettings() {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(APPLICATION_PROPERTIES)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> settings = new HashMap<>();
        properties.stringPropertyNames().stream()
                .filter(key -> PREFIXES.stream().anyMatch(key::startsWith))
                .forEach(key -> settings.put(key.substring("%prod.".length()), properties.getProperty(key)));
        return settings;
    }

    public static int httpsPort() {
        return TestTls.port("production-listeners-https");
    }

    public static int managementPort() {
        return TestTls.port("production-listeners-management");
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> config = new HashMap<>(productionListenerSettings());
        config.putAll(TestTls.localhost().quarkusConfig());
        config.put("quarkus.http.test-ssl-port", String.valueOf(httpsPort()));
        config.put("quarkus.management.test-port", String.valueOf(managementPort()));
        return config;
    }
}
