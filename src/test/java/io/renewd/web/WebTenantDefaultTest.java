package io.renewd.web;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The web tenant is on when its client is configured, unless switched off; Quarkus OIDC's default (on) does not count. */
class WebTenantDefaultTest {

    @ParameterizedTest(name = "client-id={0}, tenant-enabled={1}, %prod.client-id={2}: {3}")
    @CsvSource(nullValues = "-", value = {
            "-,          -,     -,          false",
            "renewd-web, -,     -,          true",
            "' ',        -,     -,          false",
            "renewd-web, false, -,          false",
            "-,          true,  -,          true",
            "-,          -,     renewd-web, true",
    })
    void theTenantIsOnWhenItsClientIsConfigured(String clientId, String enabled, String prodClientId, boolean on) {
        Map<String, String> properties = new HashMap<>();
        if (clientId != null) {
            properties.put(WebTenantDefault.CLIENT_ID, clientId);
        }
        if (enabled != null) {
            properties.put(WebTenantDefault.ENABLED, enabled);
        }
        if (prodClientId != null) {
            properties.put("%prod." + WebTenantDefault.CLIENT_ID, prodClientId);
        }
        SmallRyeConfig config = new SmallRyeConfigBuilder().withProfile("prod").addDefaultInterceptors()
                .withInterceptors(new WebTenantDefault())
                .withDefaultValue(WebTenantDefault.ENABLED, "true")
                .withSources(new PropertiesConfigSource(properties, "application.properties", 250)).build();
        assertThat(config.getValue(WebTenantDefault.ENABLED, Boolean.class)).isEqualTo(on);
    }
}
