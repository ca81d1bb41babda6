package io.renewd.application.certificates;

import io.renewd.domain.CertificatePolicy;
import io.renewd.domain.Vault;

import java.time.Instant;
import java.util.Optional;

/** A certificate with its policy and current version (empty while its first version is pending). */
public record CertificateView(Vault vault, String name, CertificatePolicy policy, Instant policyCreated, Instant policyUpdated,
                              Optional<VersionView> current, Instant deletedAt, Instant scheduledPurgeAt, boolean preserveCertOrder) {

    public boolean isDeleted() {
        return deletedAt != null;
    }
}
