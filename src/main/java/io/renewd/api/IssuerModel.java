package io.renewd.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import io.renewd.domain.IssuerProvider;

/**
 * Key Vault's IssuerBundle, plus renewd's per-provider members {@code acme} and {@code ca} (the providers' own records).
 * Credentials come back with the account id only: the password never leaves renewd.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record IssuerModel(String id, String provider, Credentials credentials, @JsonProperty("org_details") JsonNode orgDetails,
                          Attributes attributes, IssuerProvider.Acme acme, IssuerProvider.InternalCa ca) {

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

    /** An item of the issuer list. */
    public record Item(String id, String provider) {
    }
}
