package io.renewd.api;

import io.renewd.application.certificates.CertificateView;
import io.renewd.application.certificates.OperationView;
import io.renewd.application.certificates.VersionView;
import io.renewd.application.schedule.RenewalStatus;
import io.renewd.domain.Vault;
import jakarta.ws.rs.core.UriInfo;

import java.time.Instant;
import java.util.Base64;

/** Builds Key Vault's certificate JSON from application views; ids are absolute URLs. */
final class CertificateModels {

    private CertificateModels() {
    }

    static String certificateId(UriInfo uri, String vault, String name) {
        return Ids.vault(uri, vault) + "/certificates/" + name;
    }

    static CertificateBundleModel bundle(UriInfo uri, CertificateView certificate, VersionView version) {
        String vault = certificate.vault().name();
        String versionPath = "/" + certificate.name() + "/" + version.version();
        String base = Ids.vault(uri, vault);
        String recoveryId = certificate.isDeleted() ? base + "/deletedcertificates/" + certificate.name() : null;
        return new CertificateBundleModel(base + "/certificates" + versionPath, base + "/keys" + versionPath, base + "/secrets" + versionPath,
                version.x5t(), policy(uri, certificate), Base64.getEncoder().encodeToString(version.der()),
                certificate.policy().contentType().mediaType(), attributes(certificate.vault(), version), version.tags(),
                preserveCertOrder(uri, certificate.preserveCertOrder()), recoveryId, seconds(certificate.scheduledPurgeAt()),
                seconds(certificate.deletedAt()), null);
    }

    /** A member of 7.6 on: absent for the versions before, which do not define it. */
    private static Boolean preserveCertOrder(UriInfo uri, boolean value) {
        return ApiVersion.of(uri).definesPreserveCertOrder() ? value : null;
    }

    private static String recoveryId(UriInfo uri, CertificateView certificate) {
        return certificate.isDeleted() ? Ids.vault(uri, certificate.vault().name()) + "/deletedcertificates/" + certificate.name() : null;
    }

    static CertificateBundleModel.RenewalModel renewal(RenewalStatus status) {
        return new CertificateBundleModel.RenewalModel(
                status.next().map(n -> new CertificateBundleModel.RenewalModel.Due(n.action(), n.trigger(), n.dueAt().getEpochSecond())).orElse(null),
                status.lastFired().map(f -> new CertificateBundleModel.RenewalModel.Fired(f.action(), f.trigger(), f.firedAt().getEpochSecond(), f.late())).orElse(null),
                status.overdue(), status.expired(),
                status.ari().map(a -> new CertificateBundleModel.RenewalModel.Ari(a.start().map(Instant::getEpochSecond).orElse(null),
                        a.end().map(Instant::getEpochSecond).orElse(null), a.explanationUrl().orElse(null),
                        a.lastChecked().map(Instant::getEpochSecond).orElse(null), a.nextCheck().getEpochSecond(), a.error().orElse(null)))
                        .orElse(null));
    }

    /**
     * A certificate without any version yet (its first one is pending): what is known of it, with the attributes
     * of a version not enabled yet, as Key Vault shows a pending certificate (and a deleted one).
     */
    static CertificateBundleModel pendingBundle(UriInfo uri, CertificateView certificate) {
        return new CertificateBundleModel(certificateId(uri, certificate.vault().name(), certificate.name()), null, null, null,
                policy(uri, certificate), null, certificate.policy().contentType().mediaType(), pendingAttributes(certificate), null,
                preserveCertOrder(uri, certificate.preserveCertOrder()), recoveryId(uri, certificate),
                seconds(certificate.scheduledPurgeAt()), seconds(certificate.deletedAt()), null);
    }

    static CertificateBundleModel bundleOfCurrent(UriInfo uri, CertificateView certificate) {
        return certificate.current().map(v -> bundle(uri, certificate, v)).orElseGet(() -> pendingBundle(uri, certificate));
    }

    static CertificateItemModel item(UriInfo uri, CertificateView certificate) {
        String base = Ids.vault(uri, certificate.vault().name());
        String recoveryId = recoveryId(uri, certificate);
        return new CertificateItemModel(base + "/certificates/" + certificate.name(),
                certificate.current().map(v -> attributes(certificate.vault(), v)).orElseGet(() -> pendingAttributes(certificate)),
                certificate.current().map(VersionView::tags).orElse(null),
                certificate.current().map(VersionView::x5t).orElse(null),
                recoveryId, seconds(certificate.scheduledPurgeAt()), seconds(certificate.deletedAt()));
    }

    static CertificateItemModel versionItem(UriInfo uri, Vault vault, String name, VersionView version) {
        return new CertificateItemModel(certificateId(uri, vault.name(), name) + "/" + version.version(),
                attributes(vault, version), version.tags(), version.x5t(), null, null, null);
    }

    static PolicyModel policy(UriInfo uri, CertificateView certificate) {
        return PolicyModel.of(certificateId(uri, certificate.vault().name(), certificate.name()) + "/policy",
                certificate.policy(), certificate.policyCreated(), certificate.policyUpdated());
    }

    /** A certificate without a version yet (listed with includePending): not enabled, as old as its policy. */
    static CertificateAttributesModel pendingAttributes(CertificateView certificate) {
        return new CertificateAttributesModel(false, null, null, certificate.policyCreated().getEpochSecond(),
                certificate.policyUpdated().getEpochSecond(), certificate.vault().recoveryLevel(), certificate.vault().softDeleteRetentionDays());
    }

    static CertificateAttributesModel attributes(Vault vault, VersionView version) {
        return new CertificateAttributesModel(version.enabled(), version.notBefore().getEpochSecond(), version.notAfter().getEpochSecond(),
                version.created().getEpochSecond(), version.updated().getEpochSecond(), vault.recoveryLevel(),
                vault.softDeleteRetentionDays());
    }

    static CertificateOperationModel operation(UriInfo uri, OperationView operation) {
        String id = certificateId(uri, operation.vault(), operation.name());
        KeyVaultError.Detail error = operation.errorCode() == null ? null
                : new KeyVaultError.Detail(operation.errorCode(), operation.errorMessage());
        return new CertificateOperationModel(id + "/pending",
                new PolicyModel.Issuer(operation.issuerName(), operation.certificateType(), operation.certificateTransparency()),
                operation.csr().map(csr -> Base64.getEncoder().encodeToString(csr)).orElse(null),
                operation.cancellationRequested(), operation.status().wireName(), operation.statusDetails(), error,
                id, operation.requestId(), preserveCertOrder(uri, operation.preserveCertOrder()));
    }

    private static Long seconds(Instant instant) {
        return instant == null ? null : instant.getEpochSecond();
    }
}
