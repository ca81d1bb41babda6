package io.renewd.pki;

import io.renewd.domain.KeyUsage;
import io.renewd.domain.SubjectAlternativeNames;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.util.IPAddress;

import javax.security.auth.x500.X500Principal;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * What a certificate or CSR should say: subject (RFC 4514, such as "CN=web,O=Acme"; may be empty when there are
 * subject alternative names), SANs, key usage, extended key usage OIDs, validity and CA constraints.
 */
public record CertificateTemplate(String subject, SubjectAlternativeNames sans, Set<KeyUsage> keyUsage, List<String> ekus,
                                  Instant notBefore, Instant notAfter, boolean ca, Integer pathLength) {

    public CertificateTemplate {
        sans = sans == null ? SubjectAlternativeNames.NONE : sans;
        keyUsage = keyUsage == null ? Set.of() : Set.copyOf(keyUsage);
        ekus = ekus == null ? List.of() : List.copyOf(ekus);
        if (DistinguishedNames.parse(subject).getName().isEmpty() && sans.isEmpty()) {
            throw Inputs.malformed("a certificate needs a subject or a subject alternative name");
        }
        for (String eku : ekus) {
            if (ASN1ObjectIdentifier.tryFromID(eku) == null) {
                throw Inputs.malformed("extended key usage " + Inputs.quote(eku) + " is not an object identifier such as 1.3.6.1.5.5.7.3.1");
            }
        }
        for (String ip : sans.ipAddresses()) {
            if (!IPAddress.isValid(ip)) {
                throw Inputs.malformed(Inputs.quote(ip) + " is not an IPv4 or IPv6 address");
            }
        }
        // DNS names and emails are IA5String (ASCII) in a certificate; anything else cannot be encoded faithfully.
        Stream.concat(sans.dnsNames().stream(), sans.emails().stream()).filter(name -> !isPrintableAscii(name)).findFirst().ifPresent(name -> {
            throw Inputs.malformed(Inputs.quote(name) + " has characters a certificate cannot carry in a DNS name or email");
        });
        if (notBefore == null || notAfter == null || !notAfter.isAfter(notBefore)) {
            throw Inputs.malformed("the validity must have notBefore before notAfter");
        }
        if (pathLength != null && (!ca || pathLength < 0)) {
            throw Inputs.malformed("a path length is only for CA certificates and must not be negative");
        }
    }

    /** The same certificate, valid only until {@code notAfter} (an issuer cuts it to its own validity). */
    public CertificateTemplate withNotAfter(Instant notAfter) {
        return new CertificateTemplate(subject, sans, keyUsage, ekus, notBefore, notAfter, ca, pathLength);
    }

    /** The same CA certificate with a pathLenConstraint (an internal CA issuer's {@code max_path_length}). */
    public CertificateTemplate withPathLength(int pathLength) {
        return new CertificateTemplate(subject, sans, keyUsage, ekus, notBefore, notAfter, ca, pathLength);
    }

    /** The subject as the JDK encodes it. */
    X500Principal subjectPrincipal() {
        return DistinguishedNames.parse(subject);
    }

    private static boolean isPrintableAscii(String text) {
        return !text.isEmpty() && text.chars().allMatch(c -> c > 0x20 && c < 0x7f);
    }
}
