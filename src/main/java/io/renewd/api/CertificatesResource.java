package io.renewd.api;

import io.renewd.api.security.AuditNotes;
import io.renewd.application.security.CallerIdentity;
import io.renewd.application.bulk.StartBulkReissue;
import io.renewd.domain.bulk.ReissueSelectors;
import io.renewd.application.certificates.BackupCertificate;
import io.renewd.application.certificates.CancelOperation;
import io.renewd.application.certificates.CertificateQueries;
import io.renewd.application.certificates.CreateCertificate;
import io.renewd.application.certificates.ImportCertificate;
import io.renewd.application.certificates.MergeCertificate;
import io.renewd.application.certificates.DeleteCertificate;
import io.renewd.application.certificates.DeleteOperation;
import io.renewd.application.certificates.OperationQueries;
import io.renewd.application.certificates.RestoreCertificate;
import io.renewd.application.certificates.UpdateCertificate;
import io.renewd.application.certificates.UpdatePolicy;
import io.renewd.application.schedule.RenewalStatusQuery;
import io.renewd.application.vault.VaultQueries;
import io.renewd.domain.Vault;
import io.renewd.application.Failure;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
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

import java.net.URI;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

/** Key Vault's certificate operations on existing certificates, under {@code /vaults/{vault}}. */
@Path("/vaults/{vault}/certificates")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Certificates")
public class CertificatesResource {

    private final CertificateQueries queries;
    private final UpdateCertificate updateCertificate;
    private final UpdatePolicy updatePolicy;
    private final DeleteCertificate deleteCertificate;
    private final OperationQueries operations;
    private final CancelOperation cancelOperation;
    private final DeleteOperation deleteOperation;
    private final CreateCertificate createCertificate;
    private final ImportCertificate importCertificate;
    private final MergeCertificate mergeCertificate;
    private final BackupCertificate backupCertificate;
    private final RestoreCertificate restoreCertificate;
    private final RenewalStatusQuery renewalStatus;
    private final VaultQueries vaults;
    private final RequestBodyLimit bodyLimit;
    private final CallerIdentity identity;
    private final AuditNotes auditNotes;
    private final StartBulkReissue startBulkReissue;

    CertificatesResource(CreateCertificate createCertificate, ImportCertificate importCertificate, MergeCertificate mergeCertificate,
                         BackupCertificate backupCertificate, RestoreCertificate restoreCertificate, RenewalStatusQuery renewalStatus,
                         VaultQueries vaults,
                         CertificateQueries queries, UpdateCertificate updateCertificate, UpdatePolicy updatePolicy,
                         DeleteCertificate deleteCertificate, OperationQueries operations, CancelOperation cancelOperation,
                         DeleteOperation deleteOperation, RequestBodyLimit bodyLimit, CallerIdentity identity, AuditNotes auditNotes,
                         StartBulkReissue startBulkReissue) {
        this.startBulkReissue = startBulkReissue;
        this.identity = identity;
        this.auditNotes = auditNotes;
        this.createCertificate = createCertificate;
        this.importCertificate = importCertificate;
        this.mergeCertificate = mergeCertificate;
        this.backupCertificate = backupCertificate;
        this.restoreCertificate = restoreCertificate;
        this.renewalStatus = renewalStatus;
        this.vaults = vaults;
        this.queries = queries;
        this.updateCertificate = updateCertificate;
        this.updatePolicy = updatePolicy;
        this.deleteCertificate = deleteCertificate;
        this.operations = operations;
        this.cancelOperation = cancelOperation;
        this.deleteOperation = deleteOperation;
        this.bodyLimit = bodyLimit;
    }

    @GET
    @Operation(summary = "List certificates (maxresults 1-25; follow nextLink for more)")
    public PageModel<CertificateItemModel> list(@PathParam("vault") String vault,
                                                @QueryParam("maxresults") String maxResultsParameter,
                                                @QueryParam("$skiptoken") String skipToken,
                                                @QueryParam("includePending") String includePendingParameter,
                                                @Context UriInfo uri) {
        int maxResults = QueryParameters.maxResults(maxResultsParameter);
        boolean includePending = QueryParameters.flag("includePending", includePendingParameter);
        var page = queries.list(vault, maxResults, SkipTokens.decode(skipToken), includePending);
        return new PageModel<>(page.items().stream().map(c -> CertificateModels.item(uri, c)).toList(),
                page.continuation().map(after -> SkipTokens.nextLink(uri, after, maxResults, includePending)).orElse(null));
    }

    @POST
    @Path("{name}/create")
    @Operation(summary = "Create a new version: issuer Self completes at once; Unknown returns a CSR to sign and merge")
    public Response create(@PathParam("vault") String vault, @PathParam("name") String name, CertificateRequests.Create body,
                           @Context UriInfo uri) {
        var request = body == null ? CertificateRequests.Create.empty() : body;
        var operation = createCertificate.execute(new CreateCertificate.Command(vault, name,
                request.policy() == null ? null : request.policy().toDraft(),
                request.attributes() == null ? null : request.attributes().enabled(), request.tags(), request.preserveCertOrder()),
                identity.caller());
        var model = CertificateModels.operation(uri, operation);
        return Response.accepted(model).location(URI.create(model.id())).build();
    }

    @POST
    @Path("{name}/import")
    @Operation(summary = "Import a certificate with its private key and chain (PFX base64, or PEM) as a new version")
    public CertificateBundleModel importCertificate(@PathParam("vault") String vault, @PathParam("name") String name,
                                                    CertificateRequests.Import body, @Context UriInfo uri) {
        if (body == null) {
            throw Failure.badParameter("the request body must hold the certificate to import in 'value'");
        }
        var imported = importCertificate.execute(new ImportCertificate.Command(vault, name, body.value(), body.pwd(),
                body.policy() == null ? null : body.policy().toDraft(),
                body.attributes() == null ? null : body.attributes().enabled(), body.tags(), body.preserveCertOrder()), identity.caller());
        return CertificateModels.bundleOfCurrent(uri, imported);
    }

    @GET
    @Path("{name}")
    @Operation(summary = "Get the current version of a certificate, with renewd's renewal status (next due action, last fired, overdue, expired)")
    public CertificateBundleModel get(@PathParam("vault") String vault, @PathParam("name") String name, @Context UriInfo uri) {
        return CertificateModels.bundleOfCurrent(uri, queries.get(vault, name))
                .withRenewal(CertificateModels.renewal(renewalStatus.of(vault, name)));
    }

    @GET
    @Path("{name}/versions")
    @Operation(summary = "List the versions of a certificate, newest first")
    public PageModel<CertificateItemModel> versions(@PathParam("vault") String vault, @PathParam("name") String name,
                                                    @QueryParam("maxresults") String maxResultsParameter,
                                                    @QueryParam("$skiptoken") String skipToken, @Context UriInfo uri) {
        int maxResults = QueryParameters.maxResults(maxResultsParameter);
        int offset = SkipTokens.decodeOffset(skipToken);
        var page = queries.versions(vault, name, maxResults, offset);
        Vault owner = vaults.get(vault);
        String created = queries.nameOf(vault, name);
        return new PageModel<>(page.items().stream().map(v -> CertificateModels.versionItem(uri, owner, created, v)).toList(),
                page.continuation().map(next -> SkipTokens.nextLink(uri, next, maxResults)).orElse(null));
    }

    @GET
    @Path("{name}/{version}")
    @Operation(summary = "Get a version of a certificate")
    public CertificateBundleModel getVersion(@PathParam("vault") String vault, @PathParam("name") String name,
                                             @PathParam("version") String version, @Context UriInfo uri) {
        return CertificateModels.bundle(uri, queries.get(vault, name), queries.version(vault, name, version));
    }

    @PATCH
    @Path("{name}")
    @Operation(summary = "Update the current version's attributes (enabled) and tags, and optionally the policy")
    public CertificateBundleModel update(@PathParam("vault") String vault, @PathParam("name") String name,
                                         CertificateRequests.Update body, @Context UriInfo uri) {
        return updateVersion(vault, name, null, body, uri);
    }

    @PATCH
    @Path("{name}/{version}")
    @Operation(summary = "Update a version's attributes (enabled) and tags, and optionally the policy")
    public CertificateBundleModel updateVersion(@PathParam("vault") String vault, @PathParam("name") String name,
                                                @PathParam("version") String version, CertificateRequests.Update body,
                                                @Context UriInfo uri) {
        var request = body == null ? CertificateRequests.Update.empty() : body;
        var updated = updateCertificate.execute(new UpdateCertificate.Command(vault, name, version,
                request.policy() == null ? null : request.policy().toDraft(),
                request.attributes() == null ? null : request.attributes().enabled(), request.tags()), identity.caller());
        return CertificateModels.bundle(uri, queries.get(vault, name), updated);
    }

    @DELETE
    @Path("{name}")
    @Operation(summary = "Delete a certificate (soft delete: recoverable until the vault's retention passes)")
    public CertificateBundleModel delete(@PathParam("vault") String vault, @PathParam("name") String name, @Context UriInfo uri) {
        return CertificateModels.bundleOfCurrent(uri, deleteCertificate.execute(vault, name));
    }

    @GET
    @Path("{name}/policy")
    @Operation(summary = "Get a certificate's policy")
    public PolicyModel policy(@PathParam("vault") String vault, @PathParam("name") String name, @Context UriInfo uri) {
        return CertificateModels.policy(uri, queries.get(vault, name));
    }

    @PATCH
    @Path("{name}/policy")
    @Operation(summary = "Update a certificate's policy: only the members sent change")
    public PolicyModel updatePolicy(@PathParam("vault") String vault, @PathParam("name") String name, PolicyModel body,
                                    @Context UriInfo uri) {
        if (body == null) {
            throw Failure.badParameter("the request body must be a certificate policy");
        }
        return CertificateModels.policy(uri, updatePolicy.execute(vault, name, body.toDraft(), identity.caller()));
    }

    @POST
    @Path("{name}/pending/merge")
    @Operation(summary = "Merge the certificate a CA signed for the pending CSR (x5c: base64 DER chain, PEM chain or PKCS#7)")
    public Response merge(@PathParam("vault") String vault, @PathParam("name") String name, CertificateRequests.Merge body,
                          @Context UriInfo uri) {
        var request = body == null ? CertificateRequests.Merge.empty() : body;
        var merged = mergeCertificate.execute(new MergeCertificate.Command(vault, name, request.x5c(),
                request.attributes() == null ? null : request.attributes().enabled(), request.tags()));
        var model = CertificateModels.bundleOfCurrent(uri, merged);
        return Response.created(URI.create(model.id())).entity(model).build();
    }

    @POST
    @Path("{name}/backup")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Back up a certificate with all its versions and keys as an opaque, encrypted blob")
    public CertificateRequests.Restore backup(@PathParam("vault") String vault, @PathParam("name") String name) {
        String blob = Base64.getUrlEncoder().withoutPadding().encodeToString(backupCertificate.execute(vault, name));
        // {"value":"…"}: a backup that restore would refuse as too large is not handed out.
        long restoreBody = blob.length() + 13L;
        if (restoreBody > bodyLimit.restoreLimit()) {
            throw Failure.conflict("BackupTooLarge", "the backup of certificate '" + name + "' would be " + restoreBody
                    + " bytes, more than the " + RequestBodyLimit.size(bodyLimit.restoreLimit())
                    + " a restore accepts (quarkus.http.limits.max-body-size): raise that limit to back it up");
        }
        return new CertificateRequests.Restore(blob);
    }

    @POST
    @Path("restore")
    @Operation(summary = "Restore a backup blob into this vault (the certificate's name must be free here)")
    public CertificateBundleModel restore(@PathParam("vault") String vault, CertificateRequests.Restore body, @Context UriInfo uri) {
        if (body == null || body.value() == null || body.value().isBlank()) {
            throw Failure.badParameter("value is required: the blob a backup returned");
        }
        byte[] blob;
        try {
            blob = Base64.getUrlDecoder().decode(body.value().strip());
        } catch (IllegalArgumentException e) {
            throw Failure.badParameter("value is not base64url: give the backup blob exactly as backup returned it");
        }
        auditNotes.object(restoreCertificate.nameOf(blob));
        return CertificateModels.bundleOfCurrent(uri, restoreCertificate.execute(vault, blob, identity.caller()));
    }

    @POST
    @Path("reissue")
    @Operation(summary = "renewd extension: re-issue every current certificate a selector chooses, each through its own policy and issuer")
    public Response reissue(@PathParam("vault") String vault, BulkReissueRequest body, @Context UriInfo uri) {
        if (body == null) {
            throw Failure.badParameter("a body is required: {\"selector\": {…}, \"reason\": \"…\"}");
        }
        var selector = switch (ReissueSelectors.validate(body.selector())) {
            case ReissueSelectors.Valid valid -> valid.selector();
            case ReissueSelectors.Invalid invalid -> throw Failure.badParameter(invalid.message());
        };
        var bulk = startBulkReissue.execute(new StartBulkReissue.Request(vault, selector, body.reason(), Duration.ZERO, Optional.empty(),
                identity.caller().subject()));
        auditNotes.object(bulk.id().toString());
        return Response.accepted(BulkReissueModel.of(bulk)).location(URI.create(BulkReissueModel.location(uri, bulk))).build();
    }

    @GET
    @Path("{name}/pending")
    @Operation(summary = "Get a certificate's pending operation")
    public CertificateOperationModel pending(@PathParam("vault") String vault, @PathParam("name") String name, @Context UriInfo uri) {
        return CertificateModels.operation(uri, operations.get(vault, name));
    }

    @PATCH
    @Path("{name}/pending")
    @Operation(summary = "Cancel a certificate's pending operation: {\"cancellation_requested\": true}")
    public CertificateOperationModel cancel(@PathParam("vault") String vault, @PathParam("name") String name,
                                            CertificateRequests.OperationUpdate body, @Context UriInfo uri) {
        if (body == null || !Boolean.TRUE.equals(body.cancellationRequested())) {
            throw Failure.badParameter("cancellation_requested must be true: it is the only change an operation accepts");
        }
        var cancelled = cancelOperation.execute(vault, name);
        auditNotes.details(cancelled.late() ? "cancellation requested after the operation ended ("
                + cancelled.operation().status().wireName() + "): nothing changed" : "cancellation requested");
        return CertificateModels.operation(uri, cancelled.operation());
    }

    @DELETE
    @Path("{name}/pending")
    @Operation(summary = "Delete a certificate's pending operation")
    public CertificateOperationModel deletePending(@PathParam("vault") String vault, @PathParam("name") String name,
                                                   @Context UriInfo uri) {
        return CertificateModels.operation(uri, deleteOperation.execute(vault, name));
    }
}
