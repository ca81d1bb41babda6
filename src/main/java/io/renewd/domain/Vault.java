package io.renewd.domain;

import java.time.Instant;

/** A namespace of certificates (one team or application) and its soft-delete rules. */
public record Vault(String name, int softDeleteRetentionDays, boolean purgeProtection, Instant created, Instant updated) {

    public static final int MIN_RETENTION_DAYS = 7;
    public static final int MAX_RETENTION_DAYS = 90;
    public static final int DEFAULT_RETENTION_DAYS = 90;

    /** Key Vault's recovery level for certificates of this vault. */
    public String recoveryLevel() {
        String base = softDeleteRetentionDays < MAX_RETENTION_DAYS ? "CustomizedRecoverable" : "Recoverable";
        return purgeProtection ? base : base + "+Purgeable";
    }
}
