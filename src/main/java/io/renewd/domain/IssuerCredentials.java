package io.renewd.domain;

/**
 * Key Vault's issuer credentials; for ACME, the External Account Binding key id and its HMAC
 * key (base64url). Never logged or returned: {@link #toString()} hides the secret.
 */
public record IssuerCredentials(String accountId, String password) {

    @Override
    public String toString() {
        return "IssuerCredentials[accountId=" + accountId + ", password=***]";
    }
}
