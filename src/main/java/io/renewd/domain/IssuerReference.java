package io.renewd.domain;

/**
 * The issuer a policy names: {@code Self} (self-signed), {@code Unknown} (manual CSR and
 * merge) or a named issuer object of the vault; plus Key Vault's certificate type and
 * certificate-transparency hints, kept for the issuer to use.
 */
public record IssuerReference(String name, String certificateType, Boolean certificateTransparency) {

    public static final String SELF = "Self";
    public static final String UNKNOWN = "Unknown";

    public static IssuerReference self() {
        return new IssuerReference(SELF, null, null);
    }

    public static IssuerReference unknown() {
        return new IssuerReference(UNKNOWN, null, null);
    }

    public boolean isSelf() {
        return SELF.equals(name);
    }

    public boolean isUnknown() {
        return UNKNOWN.equals(name);
    }

    /** A named issuer object of the vault (neither Self nor Unknown). */
    public boolean isNamed() {
        return !isSelf() && !isUnknown();
    }
}
