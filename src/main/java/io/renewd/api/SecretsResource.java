package io.renewd.api;

import io.renewd.api.security.AuditNotes;
import io.renewd.application.certificates.ReadSecret;
import io.renewd.application.certificates.SecretContent;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The addressable secret of each certificate: the certificate with its chain and, when exportable, its private key. */
@Path("/vaults/{vault}/secrets/{name}")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Secrets")
public class SecretsResource {

    private final ReadSecret readSecret;
    private final AuditNotes auditNotes;

    SecretsResource(ReadSecret readSecret, AuditNotes auditNotes) {
        this.readSecret = readSecret;
        this.auditNotes = auditNotes;
    }

    @GET
    @Operation(summary = "Get the current version's secret: PFX (base64, no password) or PEM per the policy's contentType")
    public SecretBundleModel current(@PathParam("vault") String vault, @PathParam("name") String name, @Context UriInfo uri) {
        return model(uri, noted(readSecret.execute(vault, name, null)));
    }

    @GET
    @Path("{version}")
    @Operation(summary = "Get a version's secret")
    public SecretBundleModel version(@PathParam("vault") String vault, @PathParam("name") String name,
                                     @PathParam("version") String version, @Context UriInfo uri) {
        return model(uri, noted(readSecret.execute(vault, name, version)));
    }

    /** A private key leaving renewd is its own entry in the audit trail. */
    private SecretContent noted(SecretContent secret) {
        if (secret.includesPrivateKey()) {
            auditNotes.operation("getSecretWithKey");
        }
        return secret;
    }

    private static SecretBundleModel model(UriInfo uri, SecretContent secret) {
        var version = secret.version();
        String path = "/" + secret.certificate().name() + "/" + version.version();
        String base = Ids.vault(uri, secret.certificate().vault().name());
        return new SecretBundleModel(secret.value(), secret.contentType().mediaType(), base + "/secrets" + path,
                new SecretBundleModel.Attributes(version.enabled(), version.notBefore().getEpochSecond(), version.notAfter().getEpochSecond(),
                        version.created().getEpochSecond(), version.updated().getEpochSecond(), secret.certificate().vault().recoveryLevel()),
                version.tags(), base + "/keys" + path, true);
    }
}
