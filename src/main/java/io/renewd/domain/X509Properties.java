package io.renewd.domain;

import java.util.List;
import java.util.Set;

/** What goes into the next certificate: subject, SANs, extended key usages, key usage, validity. */
public record X509Properties(String subject, SubjectAlternativeNames sans, List<String> ekus, Set<KeyUsage> keyUsage, Validity validity) {

    public X509Properties {
        ekus = List.copyOf(ekus);
        keyUsage = Set.copyOf(keyUsage);
    }

    /** A certificate that may sign others is a CA: basic constraints follow key usage. */
    public boolean isCertificateAuthority() {
        return keyUsage.contains(KeyUsage.KEY_CERT_SIGN);
    }
}
