package io.renewd.pki;

import io.renewd.domain.Curve;
import io.renewd.pki.PkiInputException.Reason;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

import java.math.BigInteger;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.List;
import java.util.Optional;

/**
 * Turns ASN.1 key structures into JDK key objects, refusing key types and curves renewd does not handle before the
 * JDK sees them. EC private keys that name no curve (SEC1 without parameters) get it from a known public key.
 */
final class KeyDecoding {

    private KeyDecoding() {
    }

    static PublicKey publicKey(SubjectPublicKeyInfo info) {
        String algorithm = algorithm(info.getAlgorithm());
        if (algorithm.equals("EC")) {
            requireSupportedCurve(info.getAlgorithm().getParameters());
        }
        PublicKey key = Inputs.parse("the public key",
                () -> KeyFactory.getInstance(algorithm).generatePublic(new X509EncodedKeySpec(info.getEncoded())));
        KeyPairs.describe(key);
        return key;
    }

    /**
     * @param curveHint the curve of a preceding "EC PARAMETERS" block, if any
     * @param candidates public keys the private key may belong to (such as the certificates next to it)
     */
    static PrivateKey privateKey(PrivateKeyInfo info, Curve curveHint, List<PublicKey> candidates) {
        String algorithm = algorithm(info.getPrivateKeyAlgorithm());
        PrivateKeyInfo complete = algorithm.equals("EC") ? withCurve(info, curveHint, candidates) : info;
        return Inputs.parse("the private key",
                () -> KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(complete.getEncoded())));
    }

    private static String algorithm(AlgorithmIdentifier id) {
        ASN1ObjectIdentifier oid = id.getAlgorithm();
        if (oid.equals(PKCSObjectIdentifiers.rsaEncryption)) {
            return "RSA";
        }
        if (oid.equals(X9ObjectIdentifiers.id_ecPublicKey)) {
            return "EC";
        }
        throw new PkiInputException(Reason.UNSUPPORTED_KEY, "keys of algorithm " + oid.getId() + " are not supported; renewd handles RSA and EC keys");
    }

    private static Curve requireSupportedCurve(ASN1Encodable params) {
        if (!(params instanceof ASN1ObjectIdentifier oid)) {
            throw new PkiInputException(Reason.UNSUPPORTED_KEY, "EC keys must name their curve; explicit curve parameters are not supported");
        }
        return EcCurves.of(oid).orElseThrow(() -> new PkiInputException(Reason.UNSUPPORTED_KEY,
                "EC curve " + oid.getId() + " is not supported; use P-256, P-384 or P-521"));
    }

    /** A PKCS#8 structure whose algorithm identifier names the curve, as the JDK needs it. */
    private static PrivateKeyInfo withCurve(PrivateKeyInfo info, Curve curveHint, List<PublicKey> candidates) {
        return Inputs.parse("the EC private key", () -> {
            ECPrivateKey sec1 = ECPrivateKey.getInstance(info.parsePrivateKey());
            ASN1Encodable params = info.getPrivateKeyAlgorithm().getParameters();
            if (params == null || params.equals(DERNull.INSTANCE)) {
                params = sec1.getParametersObject();
            }
            Curve curve = params != null ? requireSupportedCurve(params) : Optional.ofNullable(curveHint)
                    .or(() -> inferCurve(sec1, candidates))
                    .orElseThrow(() -> Inputs.malformed("the EC private key names no curve; give its certificate or an EC PARAMETERS block with it"));
            return new PrivateKeyInfo(new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey, EcCurves.oid(curve)), sec1);
        });
    }

    /** The curve on which the key's public point is its own embedded public key or one of the candidates. */
    private static Optional<Curve> inferCurve(ECPrivateKey sec1, List<PublicKey> candidates) {
        BigInteger d = sec1.getKey();
        byte[] embedded = sec1.getPublicKey() == null ? null : sec1.getPublicKey().getOctets();
        for (Curve curve : Curve.values()) {
            if (!EcCurves.isPrivateScalar(curve, d)) {
                continue;
            }
            if (embedded != null && EcCurves.isPublicPoint(curve, d, embedded)) {
                return Optional.of(curve);
            }
            for (PublicKey candidate : candidates) {
                if (candidate instanceof ECPublicKey ec && EcCurves.of(ec.getParams()).equals(Optional.of(curve))
                        && EcCurves.isPublicPoint(curve, d, ec.getW())) {
                    return Optional.of(curve);
                }
            }
        }
        return Optional.empty();
    }
}
