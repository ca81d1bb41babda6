package io.renewd.pki;

import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the certificates of a merge request. Each element of Key Vault's {@code x5c} may be a
 * base64 DER certificate (Key Vault's form), a PEM chain, or a PKCS#7 bundle (base64 or PEM), or
 * the base64 of such text.
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
            certificates.addAll(readElement(element, false));
            if (certificates.size() > Inputs.MAX_CERTIFICATES) {
                throw Inputs.malformed("x5c holds more than " + Inputs.MAX_CERTIFICATES + " certificates");
            }
        }
        return certificates;
    }

    private static List<X509Certificate> readElement(String element, boolean decodedOnce) {
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
        if (!decodedOnce && isText(der)) {
            // The SDKs base64 the bytes they are given: a .crt file's PEM text, or the base64 text of
            // the DER (the JavaScript SDK's own merge example). Key Vault reads those; one level only.
            return readElement(new String(der, StandardCharsets.US_ASCII), true);
        }
        // A certificate and a PKCS#7 bundle are both DER SEQUENCEs: a certificate's first element is itself a SEQUENCE.
        return isPkcs7(der) ? Pkcs7Codec.read(der) : List.of(Certificates.fromDer(der));
    }

    /** Printable ASCII text: never DER, which starts with a SEQUENCE tag (0x30) and holds binary lengths. */
    private static boolean isText(byte[] bytes) {
        if (bytes.length == 0 || bytes[0] == 0x30) {
            return false;
        }
        for (byte b : bytes) {
            if ((b < 0x20 || b > 0x7e) && b != '\n' && b != '\r' && b != '\t') {
                return false;
            }
        }
        return true;
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
