package io.renewd.pki;

import io.renewd.pki.PkiInputException.Reason;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralSubtree;
import org.bouncycastle.asn1.x509.NameConstraintValidatorException;
import org.bouncycastle.asn1.x509.NameConstraints;
import org.bouncycastle.asn1.x509.PKIXNameConstraintValidator;

import java.security.cert.X509Certificate;
import java.util.Arrays;

/**
 * A signer's RFC 5280 name constraints (4.2.1.10) applied to what it is about to sign: every
 * subject alternative name and the subject must be inside a permitted subtree of its type and
 * outside every excluded one. Matching is Bouncy Castle's PKIX validator, the one path
 * validation uses, so renewd never signs a certificate that relying parties would reject.
 */
final class NameConstraintCheck {

    private NameConstraintCheck() {
    }

    static void require(X509Certificate signer, CertificateTemplate template) {
        byte[] extension = signer.getExtensionValue(Extension.nameConstraints.getId());
        if (extension == null) {
            return;
        }
        NameConstraints constraints = Inputs.parse("the signer's name constraints",
                () -> NameConstraints.getInstance(ASN1OctetString.getInstance(extension).getOctets()));
        PKIXNameConstraintValidator validator = new PKIXNameConstraintValidator();
        if (constraints.getPermittedSubtrees() != null) {
            validator.intersectPermittedSubtree(constraints.getPermittedSubtrees());
        }
        if (constraints.getExcludedSubtrees() != null) {
            for (GeneralSubtree excluded : constraints.getExcludedSubtrees()) {
                validator.addExcludedSubtree(excluded);
            }
        }
        X500Name subject = X500Name.getInstance(template.subjectPrincipal().getEncoded());
        if (subject.getRDNs().length > 0) {
            try {
                validator.checkPermittedDN(subject);
                validator.checkExcludedDN(subject);
            } catch (NameConstraintValidatorException e) {
                throw refused(signer, "subject " + template.subjectPrincipal().getName(), e);
            }
        }
        for (GeneralName name : X509ExtensionCodec.generalNames(template.sans()).getNames()) {
            try {
                validator.checkPermitted(name);
                validator.checkExcluded(name);
            } catch (NameConstraintValidatorException e) {
                throw refused(signer, describe(name, template), e);
            }
        }
    }

    private static PkiInputException refused(X509Certificate signer, String what, NameConstraintValidatorException e) {
        return new PkiInputException(Reason.OUTSIDE_NAME_CONSTRAINTS, what + " is outside the name constraints of signing CA "
                + Inputs.nameOf(signer) + " (" + e.getMessage() + ")");
    }

    private static String describe(GeneralName name, CertificateTemplate template) {
        return switch (name.getTagNo()) {
            case GeneralName.dNSName -> "DNS name " + name.getName();
            case GeneralName.rfc822Name -> "email " + name.getName();
            case GeneralName.iPAddress -> "IP address " + ipOf(name, template);
            case GeneralName.otherName -> "UPN " + String.join(", ", template.sans().upns());
            default -> "name " + name;
        };
    }

    /** The IP address as the policy gave it (the GeneralName holds its octets). */
    private static String ipOf(GeneralName name, CertificateTemplate template) {
        byte[] octets = ASN1OctetString.getInstance(name.getName()).getOctets();
        return template.sans().ipAddresses().stream().filter(ip -> Arrays.equals(octets, octetsOf(ip))).findFirst()
                .orElse(name.toString());
    }

    private static byte[] octetsOf(String ip) {
        return ASN1OctetString.getInstance(new GeneralName(GeneralName.iPAddress, ip).getName()).getOctets();
    }
}
