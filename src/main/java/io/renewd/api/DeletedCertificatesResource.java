package io.renewd.api;

import io.renewd.application.certificates.CertificateQueries;
import io.renewd.application.certificates.PurgeCertificate;
import io.renewd.application.certificates.RecoverCertificate;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Key Vault's deleted certificates: get, list, recover, purge. */
@Path("/vaults/{vault}/deletedcertificates")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Deleted certificates")
public class DeletedCertificatesResource {

    private final CertificateQueries queries;
    private final RecoverCertificate recoverCertificate;
    private final PurgeCertificate purgeCertificate;

    DeletedCertificatesResource(CertificateQueries queries, RecoverCertificate recoverCertificate, PurgeCertificate purgeCertificate) {
        this.queries = queries;
        this.recoverCertificate = recoverCertificate;
        this.purgeCertificate = purgeCertificate;
    }

    @GET
    @Operation(summary = "List deleted certificates (maxresults 1-25; those that never got a version only with includePending=true)")
    public PageModel<CertificateItemModel> list(@PathParam("vault") String vault,
                                                @QueryParam("maxresults") String maxResultsParameter,
                                                @QueryParam("$skiptoken") String skipToken,
                                                @QueryParam("includePending") String includePendingParameter, @Context UriInfo uri) {
        int maxResults = QueryParameters.maxResults(maxResultsParameter);
        boolean includePending = QueryParameters.flag("includePending", includePendingParameter);
        var page = queries.listDeleted(vault, maxResults, SkipTokens.decode(skipToken), includePending);
        return new PageModel<>(page.items().stream().map(c -> CertificateModels.item(uri, c)).toList(),
                page.continuation().map(after -> SkipTokens.nextLink(uri, after, maxResults, includePending)).orElse(null));
    }

    @GET
    @Path("{name}")
    @Operation(summary = "Get a deleted certificate")
    public CertificateBundleModel get(@PathParam("vault") String vault, @PathParam("name") String name, @Context UriInfo uri) {
        return CertificateModels.bundleOfCurrent(uri, queries.deleted(vault, name));
    }

    @POST
    @Path("{name}/recover")
    @Operation(summary = "Recover a deleted certificate with all its versions")
    public CertificateBundleModel recover(@PathParam("vault") String vault, @PathParam("name") String name, @Context UriInfo uri) {
        return CertificateModels.bundleOfCurrent(uri, recoverCertificate.execute(vault, name));
    }

    @DELETE
    @Path("{name}")
    @Operation(summary = "Purge a deleted certificate for good (refused under purge protection)")
    public Response purge(@PathParam("vault") String vault, @PathParam("name") String name) {
        purgeCertificate.execute(vault, name);
        return Response.noContent().build();
    }
}
