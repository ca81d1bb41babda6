package io.renewd.config;

import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The name map as an operator sets it in a Kubernetes ConfigMap: environment variables (docs/operations.md). */
class AcmeConfigEnvironmentTest {

    @Test
    void theNameMapAndItsDefaultCanBeGivenAsEnvironmentVariables() {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withSources(new EnvConfigSource(Map.of(
                        "RENEWD_ACME_NAMES_SHOP", "shop.example.com,**.shop.example.com",
                        "RENEWD_ACME_NAMES_DEFAULT", "none",
                        "RENEWD_ACME_ALLOWED_HOSTS", "acme.corp.example.com"), 300))
                .withConverter(java.time.Duration.class, 100, new io.quarkus.runtime.configuration.DurationConverter())
                .withConverter(io.quarkus.runtime.configuration.MemorySize.class, 100, new io.quarkus.runtime.configuration.MemorySizeConverter())
                .withMapping(AcmeConfig.class)
                .build();

        AcmeConfig acme = config.getConfigMapping(AcmeConfig.class);

        assertThat(acme.names()).containsEntry("shop", List.of("shop.example.com", "**.shop.example.com"));
        assertThat(acme.namesDefault()).isEqualTo(AcmeConfig.NamesDefault.NONE);
        assertThat(acme.allowedHosts()).contains(List.of("acme.corp.example.com"));
    }
}
