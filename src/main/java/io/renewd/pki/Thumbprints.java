package io.renewd.pki;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.X509Certificate;
import java.util.Base64;

/** Certificate thumbprints as Key Vault shows them. */
public final class Thumbprints {

    private Thumbprints() {
    }

    /** Key Vault's {@code x5t}: SHA-1 of the DER, base64url without padding (an identifier, not a security measure). */
    public static String x5t(X509Certificate certificate) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1").digest(Certificates.der(certificate));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-1", e);
        }
    }
}
