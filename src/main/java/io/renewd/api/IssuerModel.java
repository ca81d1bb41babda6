package io.renewd.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import io.renewd.domain.IssuerLimits;
import io.renewd.domain.IssuerProvider;

import java.time.Instant;

/**
 * Key Vault's IssuerBundle, plus renewd's per-provider members {@code acme} and {@code ca} (the providers' own records),
 * its {@code limits} as set, and {@code paused} while a CA's rate limit keeps renewers off the issuer.
 * Credentials come back with the account id only: the password never leaves renewd.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record IssuerModel(String id, String provider, Credentials credentials, @JsonProperty("org_details") JsonNode orgDetails,
                          Attributes attributes, IssuerProvider.Acme acme, IssuerProvider.InternalCa ca, IssuerLimits limits, Paused paused) {

    /** No renewer starts an attempt with this issuer before {@code until} (ISO-8601), because of {@code reason}. */
    public record Paused(Instant until, String reason) {
    }

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
