package io.renewd.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.renewd.domain.IssuerLimits;
import io.renewd.domain.IssuerProvider;

import java.util.List;

/**
 * Body of PUT and PATCH of an issuer: Key Vault's CertificateIssuerSetParameters /
 * CertificateIssuerUpdateParameters ({@code provider}, {@code credentials}, {@code org_details},
 * {@code attributes}), plus renewd's per-provider members {@code acme} and {@code ca} and its {@code limits}.
 */
public record IssuerRequest(String provider, IssuerModel.Credentials credentials,
                            @JsonProperty("org_details") OrganizationDetails orgDetails, IssuerModel.Attributes attributes,
                            IssuerProvider.Acme acme, IssuerProvider.InternalCa ca, IssuerLimits limits) {

    /** Key Vault's OrganizationDetails: kept as sent and shown back, not used by renewd's providers. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record OrganizationDetails(String id, @JsonProperty("admin_details") List<AdministratorDetails> adminDetails) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record AdministratorDetails(@JsonProperty("first_name") String firstName, @JsonProperty("last_name") String lastName,
                                       String email, String phone) {
    }
}
