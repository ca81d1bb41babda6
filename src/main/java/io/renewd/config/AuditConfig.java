package io.renewd.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** How long the audit trail stays in the database (the audit topic keeps it for as long as its own retention says). */
@ConfigMapping(prefix = "renewd.audit")
public interface AuditConfig {

    /** Audit entries older than this are deleted from the database (and from {@code GET /vaults/{vault}/audit}). */
    @WithDefault("400d")
    Duration retention();

    /** How often entries past the retention are deleted. */
    @WithDefault("1h")
    Duration cleanupInterval();
}
