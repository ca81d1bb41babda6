package io.renewd.domain;

import java.util.List;

/** Subject alternative names of a certificate, grouped as Key Vault groups them. */
public record SubjectAlternativeNames(List<String> dnsNames, List<String> emails, List<String> upns, List<String> ipAddresses) {

    public static final SubjectAlternativeNames NONE = new SubjectAlternativeNames(List.of(), List.of(), List.of(), List.of());

    public SubjectAlternativeNames {
        dnsNames = dnsNames == null ? List.of() : List.copyOf(dnsNames);
        emails = emails == null ? List.of() : List.copyOf(emails);
        upns = upns == null ? List.of() : List.copyOf(upns);
        ipAddresses = ipAddresses == null ? List.of() : List.copyOf(ipAddresses);
    }

    public boolean isEmpty() {
        return dnsNames.isEmpty() && emails.isEmpty() && upns.isEmpty() && ipAddresses.isEmpty();
    }
}
