package io.renewd.issuer.acme;

import io.renewd.pki.CertificateSigningRequest;
import io.renewd.pki.Csrs;
import io.renewd.pki.PkiInputException;
import org.shredzone.acme4j.Identifier;

import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What to order for a CSR: the DNS names and IP addresses it asks for, which the CA checks the
 * CSR against when the order is finalized. A CSR with neither names its host in the subject's CN.
 */
final class OrderIdentifiers {

    private static final Pattern HOST_NAME = Pattern.compile("(\\*\\.)?([A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?\\.)+[A-Za-z0-9-]+");

    private OrderIdentifiers() {
    }

    static List<Identifier> of(byte[] csrDer) {
        CertificateSigningRequest csr;
        try {
            csr = Csrs.parse(csrDer);
        } catch (PkiInputException e) {
            throw AcmeRefusal.rejected("the certificate signing request cannot be used: " + e.getMessage());
        }
        var sans = csr.sans();
        if (!sans.emails().isEmpty() || !sans.upns().isEmpty()) {
            throw AcmeRefusal.rejected("an ACME CA certifies DNS names and IP addresses only, but the policy also asks for emails or UPNs");
        }
        List<Identifier> identifiers = new ArrayList<>();
        sans.dnsNames().forEach(name -> identifiers.add(Identifier.dns(name)));
        sans.ipAddresses().forEach(ip -> identifiers.add(Identifier.ip(ip)));
        if (identifiers.isEmpty()) {
            hostName(csr.subject()).ifPresent(cn -> identifiers.add(Identifier.dns(cn)));
        }
        if (identifiers.isEmpty()) {
            throw AcmeRefusal.rejected("the policy names no DNS name or IP address for an ACME CA to certify");
        }
        return List.copyOf(identifiers);
    }

    /** The subject's common name when it is a host name: what a CSR without SANs is ordered for. */
    static Optional<String> hostName(String subject) {
        return commonName(subject).filter(cn -> HOST_NAME.matcher(cn).matches());
    }

    private static Optional<String> commonName(String subject) {
        try {
            return new LdapName(subject).getRdns().stream()
                    .filter(rdn -> rdn.getType().equalsIgnoreCase("CN"))
                    .map(Rdn::getValue).map(String::valueOf).findFirst();
        } catch (InvalidNameException e) {
            return Optional.empty();
        }
    }
}
