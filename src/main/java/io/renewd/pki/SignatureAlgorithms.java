package io.renewd.pki;

import io.renewd.pki.PkiInputException.Reason;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import java.security.PrivateKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateKey;

/** The signature algorithm renewd signs with for a key: SHA256withRSA, or ECDSA with the hash matched to the curve. */
final class SignatureAlgorithms {

    private SignatureAlgorithms() {
    }

    static String forKey(PrivateKey key) {
        if (key instanceof RSAPrivateKey) {
            return "SHA256withRSA";
        }
        if (key instanceof ECPrivateKey ec) {
            return switch (KeyPairs.curveOf(ec)) {
                case P_256 -> "SHA256withECDSA";
                case P_384 -> "SHA384withECDSA";
                case P_521 -> "SHA512withECDSA";
            };
        }
        throw new PkiInputException(Reason.UNSUPPORTED_KEY, (key == null ? "missing" : key.getAlgorithm()) + " keys cannot sign here; renewd signs with RSA and EC keys");
    }

    static ContentSigner signer(PrivateKey key) {
        try {
            JcaContentSignerBuilder builder = new JcaContentSignerBuilder(forKey(key));
            NativeCrypto.provider().ifPresent(builder::setProvider);
            return builder.build(key);
        } catch (OperatorCreationException e) {
            throw new IllegalStateException("the JDK cannot sign with " + forKey(key), e);
        }
    }
}
