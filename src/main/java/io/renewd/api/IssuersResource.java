package io.renewd.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.renewd.application.security.CallerIdentity;
import io.renewd.application.Failure;
import io.renewd.application.issuers.DeleteIssuer;
import io.renewd.application.issuers.IssuerQueries;
import io.renewd.application.issuers.IssuerView;
import io.renewd.application.issuers.SetIssuer;
import io.renewd.domain.IssuerCredentials;
import io.renewd.domain.IssuerDraft;
import io.renewd.domain.IssuerProvider;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Key Vault's certificate issuers of a vault, with renewd's providers {@code acme} and {@code ca}, and Key Vault's provider
 * names of ACME CAs ({@code DigiCert}, {@code GlobalSign}, …: {@link io.renewd.domain.acme.AcmeCa}); any other provider
 * is stored as sent ({@link IssuerProvider.Unsupported}).
 */
@Path("/vaults/{vault}/certificates/issuers")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Issuers")
public class IssuersResource {

    private final SetIssuer setIssuer;
    private final DeleteIssuer deleteIssuer;
    private final IssuerQueries issuers;
    private final ObjectMapper mapper;
    private final CallerIdentity identity;

    IssuersResource(SetIssuer setIssuer, DeleteIssuer deleteIssuer, IssuerQueries issuers, ObjectMapper mapper, CallerIdentity identity) {
        this.identity = identity;
        this.setIssuer = setIssuer;
        this.deleteIssuer = deleteIssuer;
        this.issuers = issuers;
        this.mapper = mapper;
    }

    @GET
    @Operation(summary = "List the vault's issuers (maxresults 1-25; follow nextLink for more)")
    public PageModel<IssuerModel.Item> list(@PathParam("vault") String vault, @QueryParam("maxresults") String maxResultsParameter,
                                            @QueryParam("$skiptoken") String skipToken, @Context UriInfo uri) {
        int maxResults = QueryParameters.maxResults(maxResultsParameter);
        var page = issuers.list(vault, maxResults, SkipTokens.decode(skipToken));
        return new PageModel<>(page.items().stream().map(i -> new IssuerModel.Item(id(uri, i), i.providerName())).toList(),
                page.continuation().map(after -> SkipTokens.nextLink(uri, after, maxResults)).orElse(null));
    }

    @PUT
    @Path("{issuer}")
    @Operation(summary = "Create or replace an issuer: provider acme (acme.directory_url, EAB credentials), an ACME CA by Key Vault "
            + "provider name (DigiCert, GlobalSign, Sectigo, ZeroSSL with EAB credentials, LetsEncrypt; acme.directory_url overrides "
            + "its directory), ca (ca.certificate_name; without it, the certificate named like the issuer; ca.allow_ca and ca.max_path_length let it sign CA certificates and only a vault Administrator may set them), or any other provider, stored as sent: nothing issues through it")
    public IssuerModel put(@PathParam("vault") String vault, @PathParam("issuer") String name, IssuerRequest body, @Context UriInfo uri) {
        return model(uri, setIssuer.put(vault, name, draft(body), identity.caller()));
    }

    @PATCH
    @Path("{issuer}")
    @Operation(summary = "Update the members of an issuer that are sent")
    public IssuerModel patch(@PathParam("vault") String vault, @PathParam("issuer") String name, IssuerRequest body, @Context UriInfo uri) {
        return model(uri, setIssuer.patch(vault, name, draft(body), identity.caller()));
    }

    @GET
    @Path("{issuer}")
    @Operation(summary = "Get an issuer (credentials show the account id only)")
    public IssuerModel get(@PathParam("vault") String vault, @PathParam("issuer") String name, @Context UriInfo uri) {
        return model(uri, issuers.get(vault, name));
    }

    @DELETE
    @Path("{issuer}")
    @Operation(summary = "Delete an issuer (refused while a certificate policy names it)")
    public IssuerModel delete(@PathParam("vault") String vault, @PathParam("issuer") String name, @Context UriInfo uri) {
        return model(uri, deleteIssuer.execute(vault, name));
    }

    private IssuerDraft draft(IssuerRequest body) {
        if (body == null) {
            throw Failure.badParameter("the request body must describe the issuer");
        }
        // An object without members sends no credentials: the JavaScript SDK's updateIssuer sends {} whatever it changes.
        var credentials = body.credentials() == null || body.credentials().accountId() == null && body.credentials().pwd() == null
                ? null : new IssuerCredentials(body.credentials().accountId(), body.credentials().pwd());
        try {
            return new IssuerDraft(body.provider(), body.acme(), body.ca(), credentials,
                    body.orgDetails() == null ? null : mapper.writeValueAsString(body.orgDetails()),
                    body.attributes() == null ? null : body.attributes().enabled(), body.limits());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("org_details could not be written as JSON", e);
        }
    }

    private IssuerModel model(UriInfo uri, IssuerView issuer) {
        try {
            return new IssuerModel(id(uri, issuer), issuer.providerName(),
                    issuer.accountId() == null ? null : new IssuerModel.Credentials(issuer.accountId(), null),
                    issuer.orgDetailsJson() == null ? null : mapper.readTree(issuer.orgDetailsJson()),
                    new IssuerModel.Attributes(issuer.enabled(), issuer.created().getEpochSecond(), issuer.updated().getEpochSecond()),
                    issuer.provider() instanceof IssuerProvider.Acme acme ? acme : null,
                    issuer.provider() instanceof IssuerProvider.InternalCa ca ? ca : null, issuer.limits(),
                    issuer.pause().map(p -> new IssuerModel.Paused(p.until(), p.reason())).orElse(null));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored org_details are not JSON", e);
        }
    }

    private static String id(UriInfo uri, IssuerView issuer) {
        return Ids.vault(uri, issuer.vault()) + "/certificates/issuers/" + issuer.name();
    }
}
