package io.renewd.api;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;
import java.util.Map;

/** Bodies of the certificate operations, with Key Vault's member names. */
public final class CertificateRequests {

    private CertificateRequests() {
    }

    public record Create(PolicyModel policy, CertificateAttributesModel attributes, Map<String, String> tags) {
    }

    /** {@code value}: base64 PFX, or PEM text (certificate chain and private key). */
    public record Import(String value, String pwd, PolicyModel policy, CertificateAttributesModel attributes,
                         Map<String, String> tags) {
    }

    /** {@code x5c}: base64 DER certificates (leaf first), or PEM chains, or base64 PKCS#7 bundles. */
    public record Merge(List<String> x5c, CertificateAttributesModel attributes, Map<String, String> tags) {
    }

    public record Update(PolicyModel policy, CertificateAttributesModel attributes, Map<String, String> tags) {
    }

    public record OperationUpdate(@JsonProperty("cancellation_requested") Boolean cancellationRequested) {
    }

    public record Restore(String value) {
    }
}
