package io.renewd.domain.guardrails;

/** The rules a vault's guardrails can set, by their JSON member names. */
public enum Guardrail {
    MIN_RSA_KEY_SIZE("min_rsa_key_size"),
    ALLOWED_CURVES("allowed_curves"),
    MAX_VALIDITY("max_validity"),
    ALLOWED_ISSUERS("allowed_issuers"),
    ALLOWED_DNS_NAMES("allowed_dns_names"),
    ALLOW_CA("allow_ca"),
    ALLOWED_EKUS("allowed_ekus"),
    ALLOWED_SAN_TYPES("allowed_san_types");

    private final String wireName;

    Guardrail(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}
