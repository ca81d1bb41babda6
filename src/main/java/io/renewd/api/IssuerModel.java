package io.renewd.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * Key Vault's IssuerBundle, plus renewd's per-provider members {@code acme} and {@code ca}.
 * Credentials come back with the account id only: the password never leaves renewd.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record IssuerModel(String id, String provider, Credentials credentials, @JsonProperty("org_details") JsonNode orgDetails,
                          Attributes attributes, Acme acme, Ca ca) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Credentials(@JsonProperty("account_id") String accountId, String pwd) {
        @Override
        public String toString() {
            return "Credentials[accountId=" + accountId + ", pwd=***]";
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Attributes(Boolean enabled, Long created, Long updated) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Acme(@JsonProperty("directory_url") String directoryUrl, String contact) {
    }

    /**
     * Provider {@code ca}: the vault certificate that signs; {@code allow_ca} (default false) lets it sign CA certificates,
     * each with pathLenConstraint {@code max_path_length}; only a vault Administrator may set them.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Ca(@JsonProperty("certificate_name") String certificateName, @JsonProperty("allow_ca") Boolean allowCa,
                     @JsonProperty("max_path_length") Integer maxPathLength) {
    }

    /** An item of the issuer list. */
    public record Item(String id, String provider) {
    }
}
