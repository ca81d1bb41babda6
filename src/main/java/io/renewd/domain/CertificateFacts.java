package io.renewd.domain;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/** What an X.509 certificate says about itself, in renewd's terms. */
public record CertificateFacts(String subject, SubjectAlternativeNames sans, Set<KeyUsage> keyUsage, List<String> ekus,
                               KeySpec keySpec, Instant notBefore, Instant notAfter) {

    public CertificateFacts {
        keyUsage = Set.copyOf(keyUsage);
        ekus = List.copyOf(ekus);
    }
}
