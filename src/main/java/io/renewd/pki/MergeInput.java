package io.renewd.pki;

import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the certificates of a merge request. Each element of Key Vault's {@code x5c} may be a
 * base64 DER certificate (Key Vault's form), a PEM chain, or a PKCS#7 bundle (base64 or PEM).
 */
public final class MergeInput {

    private MergeInput() {
    }

    public static List<X509Certificate> read(List<String> elements) {
        if (elements == null || elements.isEmpty()) {
            throw new PkiInputException(PkiInputException.Reason.NO_CERTIFICATE, "x5c is required: the signed certificate, and its chain");
        }
        List<X509Certificate> certificates = new ArrayList<>();
        for (String element : elements) {
            certificates.addAll(readElement(element));
            if (certificates.size() > Inputs.MAX_CERTIFICATES) {
                throw Inputs.malformed("x5c holds more than " + Inputs.MAX_CERTIFICATES + " certificates");
            }
        }
        return certificates;
    }

    private static List<X509Certificate> readElement(String element) {
        if (element == null || element.isBlank()) {
            throw Inputs.malformed("an x5c element is empty");
        }
        Inputs.requireSize(element, "an x5c element");
        if (element.contains("-----BEGIN PKCS7-----") || element.contains("-----BEGIN CERTIFICATE CHAIN-----")) {
            return Pkcs7Codec.read(element.getBytes(StandardCharsets.US_ASCII));
        }
        if (element.contains("-----BEGIN")) {
            return PemCodec.readCertificates(element);
        }
        byte[] der;
        try {
            der = Base64Text.decode(element);
        } catch (IllegalArgumentException e) {
            throw Inputs.malformed("an x5c element is neither base64 nor PEM");
        }
        // A certificate and a PKCS#7 bundle are both DER SEQUENCEs: a certificate's first element is itself a SEQUENCE.
        return isPkcs7(der) ? Pkcs7Codec.read(der) : List.of(Certificates.fromDer(der));
    }

    private static boolean isPkcs7(byte[] der) {
        try {
            var sequence = org.bouncycastle.asn1.ASN1Sequence.getInstance(der);
            return sequence.size() > 0 && sequence.getObjectAt(0) instanceof org.bouncycastle.asn1.ASN1ObjectIdentifier;
        } catch (RuntimeException e) {
            return false;
        }
    }
}
