package io.renewd.http;

import io.quarkus.test.junit.QuarkusTestProfile;
import io.renewd.testing.TestTls;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * renewd's listeners as the local run (scripts/local-run.sh, profile {@code local}) sets them up:
 * every {@code %local.quarkus.http.*} setting of application.properties, with the test's
 * certificate in place of the one the script makes in .local/tls, and free ports.
 */
public class LocalListeners implements QuarkusTestProfile {

    static Map<String, String> localListenerSettings() {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(ProductionListeners.APPLICATION_PROPERTIES)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> settings = new HashMap<>();
        properties.stringPropertyNames().stream().filter(key -> key.startsWith("%local.quarkus.http."))
                .forEach(key -> settings.put(key.substring("%local.".length()), properties.getProperty(key)));
        return settings;
    }

    static int httpsPort() {
        return TestTls.port("local-listeners-https");
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> config = new HashMap<>(localListenerSettings());
        config.putAll(TestTls.localhost().quarkusConfig());
        config.put("quarkus.http.test-ssl-port", String.valueOf(httpsPort()));
        return config;
    }
}
