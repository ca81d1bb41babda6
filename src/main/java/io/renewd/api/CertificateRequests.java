package io.renewd.api;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;
import java.util.Map;

/**
 * Bodies of the certificate operations, with exactly the members Key Vault's REST API defines for each in any
 * version renewd answers ({@link ApiVersion}); {@link StrictJson} refuses any other. Of the versions after 7.4, only
 * 7.6 added request members for certificates ({@code preserveCertOrder} on create and import); 7.5 and 2025-07-01 added
 * none to create, import, update, merge, the operation or issuers. Members renewd accepts but ignores are said so
 * where they are declared.
 */
public final class CertificateRequests {

    private CertificateRequests() {
    }

    /** CertificateCreateParameters. {@code preserveCertOrder} (7.6): a merge keeps the chain in the order it is given. */
    public record Create(PolicyModel policy, CertificateAttributesModel attributes, Map<String, String> tags, Boolean preserveCertOrder) {

        static Create empty() {
            return new Create(null, null, null, null);
        }
    }

    /**
     * CertificateImportParameters. {@code value}: base64 PFX, or PEM text (certificate chain and private key);
     * {@code preserveCertOrder} (7.6): a PEM chain keeps the order it is given in.
     */
    public record Import(String value, String pwd, PolicyModel policy, CertificateAttributesModel attributes,
                         Map<String, String> tags, Boolean preserveCertOrder) {

        /** Never the value (a private key) nor the password, should a request ever be logged. */
        @Override
        public String toString() {
            return "Import[value=" + (value == null ? null : value.length() + " chars") + ", pwd=" + (pwd == null ? null : "***")
                    + ", policy=" + policy + ", attributes=" + attributes + ", tags=" + tags + "]";
        }
    }

    /** CertificateMergeParameters. {@code x5c}: base64 DER certificates (leaf first), or PEM chains, or base64 PKCS#7 bundles. */
    public record Merge(List<String> x5c, CertificateAttributesModel attributes, Map<String, String> tags) {

        static Merge empty() {
            return new Merge(null, null, null);
        }
    }

    /** CertificateUpdateParameters. */
    public record Update(PolicyModel policy, CertificateAttributesModel attributes, Map<String, String> tags) {

        static Update empty() {
            return new Update(null, null, null);
        }
    }

    /** CertificateOperationUpdateParameter. */
    public record OperationUpdate(@JsonProperty("cancellation_requested") Boolean cancellationRequested) {
    }

    /** CertificateRestoreParameters, and the BackupCertificateResult. */
    public record Restore(String value) {

        @Override
        public String toString() {
            return "Restore[value=" + (value == null ? null : value.length() + " chars") + "]";
        }
    }
}
