package io.renewd.pki;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1Set;
import org.bouncycastle.asn1.pkcs.ContentInfo;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.SignedData;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Certificates of a PKCS#7 / CMS "certs-only" bundle (as {@code openssl crl2pkcs7 -nocrl} makes), given as DER, base64
 * (as Key Vault's merge sends it) or PEM. The order is the file's, which DER's SET OF sorting makes meaningless:
 * use {@link ChainOrder} to order them.
 */
public final class Pkcs7Codec {

    private static final Set<String> PEM_TYPES = Set.of("PKCS7", "CMS", "PKCS #7 SIGNED DATA");

    private Pkcs7Codec() {
    }

    public static List<X509Certificate> read(byte[] input) {
        byte[] der = Inputs.derFromPemBase64OrDer(input, "the PKCS#7 bundle", PEM_TYPES);
        List<byte[]> encoded = Inputs.parse("the PKCS#7 bundle", () -> {
            ContentInfo info = ContentInfo.getInstance(ASN1Primitive.fromByteArray(der));
            if (!PKCSObjectIdentifiers.signedData.equals(info.getContentType())) {
                throw Inputs.malformed("the PKCS#7 bundle is not signed data (type " + info.getContentType().getId() + ")");
            }
            ASN1Set certificates = SignedData.getInstance(info.getContent()).getCertificates();
            List<byte[]> result = new ArrayList<>();
            if (certificates != null) {
                if (certificates.size() > Inputs.MAX_CERTIFICATES) {
                    throw Inputs.malformed("the PKCS#7 bundle has more than " + Inputs.MAX_CERTIFICATES + " certificates");
                }
                for (ASN1Encodable certificate : certificates) {
                    // Other choices of the CertificateChoices CHOICE (attribute certificates, ...) are tagged, not SEQUENCEs.
                    result.add(ASN1Sequence.getInstance(certificate).getEncoded());
                }
            }
            return result;
        });
        if (encoded.isEmpty()) {
            throw new PkiInputException(PkiInputException.Reason.NO_CERTIFICATE, "the PKCS#7 bundle has no certificates");
        }
        return encoded.stream().map(Certificates::fromDer).toList();
    }
}
