package io.renewd.pki;

import io.renewd.pki.PkiInputException.Reason;
import org.bouncycastle.asn1.pkcs.Attribute;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.operator.ContentVerifierProvider;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.bouncycastle.util.io.pem.PemObject;

import javax.security.auth.x500.X500Principal;
import java.io.IOException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.Set;

/** Makes PKCS#10 certificate signing requests and reads them (DER or PEM) after checking their signature. */
public final class Csrs {

    private static final Set<String> PEM_TYPES = Set.of("CERTIFICATE REQUEST", "NEW CERTIFICATE REQUEST");

    private Csrs() {
    }

    /** A CSR for the template's subject, with its SANs, key usage, EKU and basic constraints as requested extensions. */
    public static CertificateSigningRequest create(KeyPair keyPair, CertificateTemplate template) {
        KeyPairs.describe(keyPair.getPublic());
        try {
            ExtensionsGenerator extensions = new ExtensionsGenerator();
            for (Extension extension : X509ExtensionCodec.forTemplate(template)) {
                extensions.addExtension(extension);
            }
            Extensions requested = extensions.generate();
            PKCS10CertificationRequest csr = new JcaPKCS10CertificationRequestBuilder(template.subjectPrincipal(), keyPair.getPublic())
                    .addAttribute(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, requested)
                    .build(SignatureAlgorithms.signer(keyPair.getPrivate()));
            // Signed here with the key it names: verifying it again (as parse does for CSRs from outside) would cost a
            // signature check per renewal.
            return new CertificateSigningRequest(new X500Principal(csr.getSubject().getEncoded()).getName(), keyPair.getPublic(),
                    X509ExtensionCodec.sans(requested), X509ExtensionCodec.keyUsage(requested), X509ExtensionCodec.ekus(requested),
                    csr.getEncoded());
        } catch (IOException e) {
            throw new IllegalStateException("encoding a CSR failed", e);
        }
    }

    /** Reads a CSR given as DER or PEM and verifies that it is signed by the key it names. */
    public static CertificateSigningRequest parse(byte[] input) {
        byte[] der = Inputs.derFromPemOrDer(input, "the CSR", PEM_TYPES);
        return Inputs.parse("the CSR", () -> {
            PKCS10CertificationRequest csr = new PKCS10CertificationRequest(der);
            PublicKey key = KeyDecoding.publicKey(csr.getSubjectPublicKeyInfo());
            if (!signatureIsValid(csr, key)) {
                throw new PkiInputException(Reason.BAD_SIGNATURE, "the CSR is not signed by the key it contains");
            }
            Extensions extensions = requestedExtensions(csr);
            return new CertificateSigningRequest(new X500Principal(csr.getSubject().getEncoded()).getName(), key,
                    X509ExtensionCodec.sans(extensions), X509ExtensionCodec.keyUsage(extensions), X509ExtensionCodec.ekus(extensions), der);
        });
    }

    public static String toPem(CertificateSigningRequest csr) {
        return PemCodec.encode(new PemObject("CERTIFICATE REQUEST", csr.der()));
    }

    private static boolean signatureIsValid(PKCS10CertificationRequest csr, PublicKey key) {
        try {
            ContentVerifierProvider verifier = new JcaContentVerifierProviderBuilder().build(key);
            return csr.isSignatureValid(verifier);
        } catch (Exception e) {
            // Unknown or broken signature algorithms cannot prove possession of the key either.
            throw new PkiInputException(Reason.BAD_SIGNATURE, "the CSR signature cannot be verified", e);
        }
    }

    private static Extensions requestedExtensions(PKCS10CertificationRequest csr) {
        Attribute[] attributes = csr.getAttributes(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest);
        if (attributes.length == 0) {
            return null;
        }
        if (attributes.length > 1 || attributes[0].getAttrValues().size() != 1) {
            throw Inputs.malformed("the CSR has more than one extension request");
        }
        return Extensions.getInstance(attributes[0].getAttrValues().getObjectAt(0));
    }
}
