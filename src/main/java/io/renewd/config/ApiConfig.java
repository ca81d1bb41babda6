package io.renewd.config;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Limits of renewd's REST API. */
@ConfigMapping(prefix = "renewd.api")
public interface ApiConfig {

    /**
     * The largest request body the API takes, restore excepted: a restore may be as large as
     * {@code quarkus.http.limits.max-body-size} (a backup holds every version of a certificate).
     * 2 MiB holds the largest certificate renewd's parsers accept (1 MiB of PFX or PEM,
     * 1.4 MiB once base64 in JSON) with room for the policy; real imports and merges, even a
     * PFX or PKCS#7 bundle with a 20-certificate chain, are well under 100 KiB.
     */
    @WithDefault("2M")
    MemorySize maxBodySize();
}
