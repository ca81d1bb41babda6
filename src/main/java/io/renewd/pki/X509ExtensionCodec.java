package io.renewd.pki;

import io.renewd.domain.KeyUsage;
import io.renewd.domain.SubjectAlternativeNames;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERTaggedObject;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The X.509 extensions a {@link CertificateTemplate} asks for, and reading them back from a CSR. */
final class X509ExtensionCodec {

    /** Microsoft's user principal name, carried as an otherName SAN with a UTF8String value. */
    private static final ASN1ObjectIdentifier UPN = new ASN1ObjectIdentifier("1.3.6.1.4.1.311.20.2.3");

    private X509ExtensionCodec() {
    }

    /** Basic constraints, key usage, EKU and SANs; key identifiers depend on the keys and are added by the caller. */
    static List<Extension> forTemplate(CertificateTemplate template) {
        try {
            List<Extension> extensions = new ArrayList<>();
            BasicConstraints constraints = template.pathLength() != null ? new BasicConstraints(template.pathLength())
                    : new BasicConstraints(template.ca());
            extensions.add(new Extension(Extension.basicConstraints, true, constraints.getEncoded()));
            if (!template.keyUsage().isEmpty()) {
                int bits = template.keyUsage().stream().mapToInt(X509ExtensionCodec::bit).reduce(0, (a, b) -> a | b);
                extensions.add(new Extension(Extension.keyUsage, true, new org.bouncycastle.asn1.x509.KeyUsage(bits).getEncoded()));
            }
            if (!template.ekus().isEmpty()) {
                KeyPurposeId[] purposes = template.ekus().stream()
                        .map(oid -> KeyPurposeId.getInstance(new ASN1ObjectIdentifier(oid))).toArray(KeyPurposeId[]::new);
                extensions.add(new Extension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purposes).getEncoded()));
            }
            if (!template.sans().isEmpty()) {
                // RFC 5280 4.2.1.6: SANs must be critical when they are the only names of the certificate.
                boolean critical = template.subjectPrincipal().getName().isEmpty();
                extensions.add(new Extension(Extension.subjectAlternativeName, critical, generalNames(template.sans()).getEncoded()));
            }
            return extensions;
        } catch (IOException e) {
            throw new IllegalStateException("encoding extensions of a validated template failed", e);
        }
    }

    static SubjectAlternativeNames sans(Extensions extensions) {
        GeneralNames names = extensions == null ? null : GeneralNames.fromExtensions(extensions, Extension.subjectAlternativeName);
        if (names == null) {
            return SubjectAlternativeNames.NONE;
        }
        List<String> dns = new ArrayList<>();
        List<String> emails = new ArrayList<>();
        List<String> upns = new ArrayList<>();
        List<String> ips = new ArrayList<>();
        for (GeneralName name : names.getNames()) {
            switch (name.getTagNo()) {
                case GeneralName.dNSName -> dns.add(text(name.getName()));
                case GeneralName.rfc822Name -> emails.add(text(name.getName()));
                case GeneralName.iPAddress -> ips.add(ipAddress(ASN1OctetString.getInstance(name.getName()).getOctets()));
                case GeneralName.otherName -> upn(ASN1Sequence.getInstance(name.getName())).ifPresent(upns::add);
                default -> {
                    // URIs, directory names and the like have no place in Key Vault's SAN groups.
                }
            }
        }
        return new SubjectAlternativeNames(dns, emails, upns, ips);
    }

    static Set<KeyUsage> keyUsage(Extensions extensions) {
        var usage = extensions == null ? null : org.bouncycastle.asn1.x509.KeyUsage.fromExtensions(extensions);
        Set<KeyUsage> result = EnumSet.noneOf(KeyUsage.class);
        if (usage != null) {
            for (KeyUsage candidate : KeyUsage.values()) {
                if (usage.hasUsages(bit(candidate))) {
                    result.add(candidate);
                }
            }
        }
        return Set.copyOf(result);
    }

    static List<String> ekus(Extensions extensions) {
        ExtendedKeyUsage usage = extensions == null ? null : ExtendedKeyUsage.fromExtensions(extensions);
        if (usage == null) {
            return List.of();
        }
        return List.of(usage.getUsages()).stream().map(id -> id.toOID().getId()).toList();
    }

    static GeneralNames generalNames(SubjectAlternativeNames sans) {
        List<GeneralName> names = new ArrayList<>();
        sans.dnsNames().forEach(name -> names.add(new GeneralName(GeneralName.dNSName, name)));
        sans.emails().forEach(email -> names.add(new GeneralName(GeneralName.rfc822Name, email)));
        sans.upns().forEach(upn -> names.add(new GeneralName(GeneralName.otherName,
                new DERSequence(new ASN1Encodable[] {UPN, new DERTaggedObject(true, 0, new DERUTF8String(upn))}))));
        sans.ipAddresses().forEach(ip -> names.add(new GeneralName(GeneralName.iPAddress, ip)));
        return new GeneralNames(names.toArray(GeneralName[]::new));
    }

    private static Optional<String> upn(ASN1Sequence otherName) {
        if (otherName.size() != 2 || !UPN.equals(otherName.getObjectAt(0))) {
            return Optional.empty();
        }
        ASN1Encodable value = ASN1TaggedObject.getInstance(otherName.getObjectAt(1)).getExplicitBaseObject();
        return Optional.of(text(value));
    }

    private static String text(ASN1Encodable value) {
        if (value instanceof ASN1String string) {
            return string.getString();
        }
        throw Inputs.malformed("a subject alternative name is not a string");
    }

    private static String ipAddress(byte[] octets) {
        if (octets.length != 4 && octets.length != 16) {
            throw Inputs.malformed("an IP address SAN has " + octets.length + " bytes; expected 4 or 16");
        }
        try {
            // Only a literal address of the right length reaches here, so this never resolves a name.
            return InetAddress.getByAddress(octets).getHostAddress();
        } catch (UnknownHostException e) {
            throw Inputs.malformed("an IP address SAN is malformed", e);
        }
    }

    /** The bit of BC's KeyUsage for each usage (RFC 5280 4.2.1.3, in BC's byte order). */
    private static int bit(KeyUsage usage) {
        return switch (usage) {
            case DIGITAL_SIGNATURE -> org.bouncycastle.asn1.x509.KeyUsage.digitalSignature;
            case NON_REPUDIATION -> org.bouncycastle.asn1.x509.KeyUsage.nonRepudiation;
            case KEY_ENCIPHERMENT -> org.bouncycastle.asn1.x509.KeyUsage.keyEncipherment;
            case DATA_ENCIPHERMENT -> org.bouncycastle.asn1.x509.KeyUsage.dataEncipherment;
            case KEY_AGREEMENT -> org.bouncycastle.asn1.x509.KeyUsage.keyAgreement;
            case KEY_CERT_SIGN -> org.bouncycastle.asn1.x509.KeyUsage.keyCertSign;
            case CRL_SIGN -> org.bouncycastle.asn1.x509.KeyUsage.cRLSign;
            case ENCIPHER_ONLY -> org.bouncycastle.asn1.x509.KeyUsage.encipherOnly;
            case DECIPHER_ONLY -> org.bouncycastle.asn1.x509.KeyUsage.decipherOnly;
        };
    }
}
