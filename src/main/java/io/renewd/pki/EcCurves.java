package io.renewd.pki;

import io.renewd.domain.Curve;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;

import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/** The supported curves as the JDK and ASN.1 know them, and the point arithmetic needed to pair EC keys. */
final class EcCurves {

    private static final Map<Curve, ECParameterSpec> SPECS = specs();

    private EcCurves() {
    }

    /** Which supported curve these parameters describe, compared by value because providers use their own classes. */
    static Optional<Curve> of(ECParameterSpec params) {
        if (params == null) {
            return Optional.empty();
        }
        return SPECS.entrySet().stream().filter(e -> sameCurve(e.getValue(), params)).map(Map.Entry::getKey).findFirst();
    }

    static Optional<Curve> of(ASN1ObjectIdentifier oid) {
        return Arrays.stream(Curve.values()).filter(c -> oid(c).equals(oid)).findFirst();
    }

    static ASN1ObjectIdentifier oid(Curve curve) {
        return ECNamedCurveTable.getOID(curve.standardName());
    }

    /** True when {@code d} is a valid private scalar on the curve: 1 <= d < n. */
    static boolean isPrivateScalar(Curve curve, BigInteger d) {
        return d.signum() > 0 && d.compareTo(SPECS.get(curve).getOrder()) < 0;
    }

    /** True when {@code w} is d·G on the curve; {@code d} must satisfy {@link #isPrivateScalar}. */
    static boolean isPublicPoint(Curve curve, BigInteger d, ECPoint w) {
        org.bouncycastle.math.ec.ECPoint q = multiplyG(curve, d);
        return q.getAffineXCoord().toBigInteger().equals(w.getAffineX()) && q.getAffineYCoord().toBigInteger().equals(w.getAffineY());
    }

    /** Like {@link #isPublicPoint(Curve, BigInteger, ECPoint)} for an X9.62-encoded point, as SEC1 keys embed it. */
    static boolean isPublicPoint(Curve curve, BigInteger d, byte[] encoded) {
        org.bouncycastle.math.ec.ECPoint q = multiplyG(curve, d);
        return Arrays.equals(q.getEncoded(false), encoded) || Arrays.equals(q.getEncoded(true), encoded);
    }

    private static org.bouncycastle.math.ec.ECPoint multiplyG(Curve curve, BigInteger d) {
        // Bouncy Castle's own field arithmetic for the NIST curves: the generic table's curve computes with BigInteger, about
        // a fifth of a CA's whole re-issue when it paired the CA's key at every signature.
        X9ECParameters x9 = CustomNamedCurves.getByName(curve.standardName());
        return x9.getG().multiply(d).normalize();
    }

    private static boolean sameCurve(ECParameterSpec a, ECParameterSpec b) {
        return a.getCurve().equals(b.getCurve()) && a.getGenerator().equals(b.getGenerator())
                && a.getOrder().equals(b.getOrder()) && a.getCofactor() == b.getCofactor();
    }

    private static Map<Curve, ECParameterSpec> specs() {
        Map<Curve, ECParameterSpec> specs = new EnumMap<>(Curve.class);
        for (Curve curve : Curve.values()) {
            try {
                AlgorithmParameters params = AlgorithmParameters.getInstance("EC");
                params.init(new ECGenParameterSpec(curve.standardName()));
                specs.put(curve, params.getParameterSpec(ECParameterSpec.class));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("the JDK does not know curve " + curve.standardName(), e);
            }
        }
        return Map.copyOf(specs);
    }
}
