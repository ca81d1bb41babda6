package io.renewd.api;

import io.renewd.api.security.AuditNotes;
import io.renewd.application.security.CallerIdentity;
import io.renewd.application.bulk.BulkQueries;
import io.renewd.application.bulk.CancelBulkReissue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** renewd's extension: listing, reading and cancelling bulk re-issues ({@code POST /vaults/{vault}/certificates/reissue} starts one). */
@Path("/vaults/{vault}/reissues")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Bulk re-issue")
public class ReissuesResource {

    private final BulkQueries queries;
    private final CancelBulkReissue cancelBulkReissue;
    private final CallerIdentity identity;
    private final AuditNotes auditNotes;

    ReissuesResource(BulkQueries queries, CancelBulkReissue cancelBulkReissue, CallerIdentity identity, AuditNotes auditNotes) {
        this.queries = queries;
        this.cancelBulkReissue = cancelBulkReissue;
        this.identity = identity;
        this.auditNotes = auditNotes;
    }

    @GET
    @Operation(summary = "List the vault's bulk re-issues, newest first, with their progress (maxresults 1-25; follow nextLink for more)")
    public PageModel<BulkReissueModel> list(@PathParam("vault") String vault, @QueryParam("maxresults") String maxResultsParameter,
                                            @QueryParam("$skiptoken") String skipToken, @Context UriInfo uri) {
        int maxResults = QueryParameters.maxResults(maxResultsParameter);
        var page = queries.list(vault, maxResults, SkipTokens.decodeOffset(skipToken));
        return new PageModel<>(page.items().stream().map(BulkReissueModel::item).toList(),
                page.continuation().map(next -> SkipTokens.nextLink(uri, next, maxResults)).orElse(null));
    }

    @GET
    @Path("{id}")
    @Operation(summary = "Get a bulk re-issue: its selector, reason, status and progress, and the certificates that failed")
    public BulkReissueModel get(@PathParam("vault") String vault, @PathParam("id") String id) {
        return BulkReissueModel.of(queries.get(vault, id));
    }

    @POST
    @Path("{id}/cancel")
    @Operation(summary = "Cancel a bulk re-issue: operations not yet at a CA stop; attempts already at a CA finish")
    public BulkReissueModel cancel(@PathParam("vault") String vault, @PathParam("id") String id) {
        auditNotes.object(id);
        return BulkReissueModel.of(cancelBulkReissue.execute(vault, id, identity.caller().subject()));
    }
}
