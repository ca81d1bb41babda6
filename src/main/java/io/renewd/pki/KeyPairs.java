package io.renewd.pki;

import io.renewd.domain.Curve;
import io.renewd.domain.KeySpec;
import io.renewd.pki.PkiInputException.Reason;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import java.util.Set;

/** Makes key pairs for a {@link KeySpec}, tells the spec of an existing key, and tells whether two keys belong together. */
public final class KeyPairs {

    private static final Set<Integer> RSA_SIZES = Set.of(2048, 3072, 4096);
    /** The JDK refuses larger RSA keys too; above this, operations get slow enough to be a denial of service. */
    private static final int MAX_RSA_BITS = 16384;

    private KeyPairs() {
    }

    /** A fresh key pair: RSA 2048, 3072 or 4096, or EC on P-256, P-384 or P-521. */
    public static KeyPair generate(KeySpec spec) {
        try {
            return switch (spec) {
                case KeySpec.Rsa rsa -> {
                    if (!RSA_SIZES.contains(rsa.size())) {
                        throw new PkiInputException(Reason.UNSUPPORTED_KEY, "RSA key size " + rsa.size() + " is not supported; use 2048, 3072 or 4096");
                    }
                    KeyPairGenerator generator = generator("RSA");
                    generator.initialize(rsa.size());
                    yield generator.generateKeyPair();
                }
                case KeySpec.Ec ec -> {
                    KeyPairGenerator generator = generator("EC");
                    generator.initialize(new ECGenParameterSpec(ec.curve().standardName()));
                    yield generator.generateKeyPair();
                }
            };
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK cannot generate " + spec + " keys", e);
        }
    }

    private static KeyPairGenerator generator(String algorithm) throws GeneralSecurityException {
        var provider = NativeCrypto.provider();
        return provider.isPresent() ? KeyPairGenerator.getInstance(algorithm, provider.get()) : KeyPairGenerator.getInstance(algorithm);
    }

    /** The spec of a public key; refuses key types and curves renewd does not handle. */
    public static KeySpec describe(PublicKey key) {
        // RSASSA-PSS keys are RSAPublicKeys too, but renewd signs and Key Vault issues with plain RSA keys only.
        if (key instanceof RSAPublicKey rsa && "RSA".equals(key.getAlgorithm())) {
            int bits = rsa.getModulus().bitLength();
            if (bits > MAX_RSA_BITS) {
                throw new PkiInputException(Reason.UNSUPPORTED_KEY, "RSA keys of " + bits + " bits are not supported; at most " + MAX_RSA_BITS);
            }
            return new KeySpec.Rsa(bits);
        }
        if (key instanceof ECPublicKey ec) {
            return new KeySpec.Ec(curveOf(ec.getParams()));
        }
        throw new PkiInputException(Reason.UNSUPPORTED_KEY, algorithmName(key) + " keys are not supported; renewd handles RSA and EC keys");
    }

    /** True when the private key is the partner of the public key. */
    public static boolean matches(PublicKey publicKey, PrivateKey privateKey) {
        if (publicKey instanceof RSAPublicKey pub && privateKey instanceof RSAPrivateKey priv) {
            // A CRT key names its public exponent; a bare modulus/exponent key can only be paired by modulus.
            boolean sameExponent = !(priv instanceof RSAPrivateCrtKey crt) || crt.getPublicExponent().equals(pub.getPublicExponent());
            return pub.getModulus().equals(priv.getModulus()) && sameExponent;
        }
        if (publicKey instanceof ECPublicKey pub && privateKey instanceof ECPrivateKey priv) {
            var curve = EcCurves.of(pub.getParams());
            return curve.isPresent() && curve.equals(EcCurves.of(priv.getParams()))
                    && EcCurves.isPrivateScalar(curve.get(), priv.getS())
                    && EcCurves.isPublicPoint(curve.get(), priv.getS(), pub.getW());
        }
        return false;
    }

    /** True when both are the same public key, whichever provider made the objects. */
    public static boolean samePublicKey(PublicKey a, PublicKey b) {
        if (a instanceof RSAPublicKey x && b instanceof RSAPublicKey y) {
            return x.getModulus().equals(y.getModulus()) && x.getPublicExponent().equals(y.getPublicExponent());
        }
        if (a instanceof ECPublicKey x && b instanceof ECPublicKey y) {
            var curve = EcCurves.of(x.getParams());
            return curve.isPresent() && curve.equals(EcCurves.of(y.getParams())) && x.getW().equals(y.getW());
        }
        return Arrays.equals(a.getEncoded(), b.getEncoded());
    }

    /** The curve of an EC private key, for choosing its signature hash. */
    static Curve curveOf(ECPrivateKey key) {
        return curveOf(key.getParams());
    }

    private static Curve curveOf(java.security.spec.ECParameterSpec params) {
        return EcCurves.of(params).orElseThrow(() -> new PkiInputException(Reason.UNSUPPORTED_KEY,
                "this EC curve is not supported; use P-256, P-384 or P-521"));
    }

    private static String algorithmName(java.security.Key key) {
        return key == null ? "missing" : key.getAlgorithm();
    }
}
