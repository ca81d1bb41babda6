package io.renewd.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How renewd does its cryptography. */
@ConfigMapping(prefix = "renewd.pki")
public interface PkiConfig {

    /**
     * Make keys and sign CSRs and certificates with AWS-LC (the Amazon Corretto Crypto Provider) where its native library
     * loads (Linux on x86-64, as in renewd's container image); elsewhere, or when false, with the JDK's providers. The
     * start-up log says which one signs.
     */
    @WithDefault("true")
    boolean nativeCrypto();
}
