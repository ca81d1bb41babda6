package io.renewd.domain;

/** One broken rule: a Key Vault-style error code and a message naming the problem. */
public record Violation(String code, String message) {

    public static Violation badParameter(String message) {
        return new Violation("BadParameter", message);
    }
}
