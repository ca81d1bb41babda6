package io.renewd.api;

import io.renewd.application.vault.DeleteVault;
import io.renewd.application.security.CallerIdentity;
import io.renewd.application.security.VisibleVaults;
import io.renewd.application.vault.SetVault;
import io.renewd.application.vault.VaultQueries;
import io.renewd.domain.Vault;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

/** renewd's own admin API for vaults (Key Vault manages vaults elsewhere, through ARM). */
@Path("/vaults")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Vaults")
public class VaultResource {

    /** Body of PUT: both members optional (defaults on create, unchanged on update). */
    public record VaultProperties(Integer softDeleteRetentionInDays, Boolean enablePurgeProtection) {
    }

    public record VaultModel(String id, String name, int softDeleteRetentionInDays, boolean enablePurgeProtection,
                             String recoveryLevel, long created, long updated) {
    }

    public record VaultList(List<VaultModel> value, String nextLink) {
    }

    private final SetVault setVault;
    private final DeleteVault deleteVault;
    private final VaultQueries vaults;
    private final CallerIdentity identity;
    private final VisibleVaults visibleVaults;

    VaultResource(SetVault setVault, DeleteVault deleteVault, VaultQueries vaults, CallerIdentity identity, VisibleVaults visibleVaults) {
        this.identity = identity;
        this.visibleVaults = visibleVaults;
        this.setVault = setVault;
        this.deleteVault = deleteVault;
        this.vaults = vaults;
    }

    @PUT
    @Path("{vault}")
    @Operation(summary = "Create a vault, or update its soft-delete retention (7-90 days) and purge protection")
    public Response put(@PathParam("vault") String name, VaultProperties body, @Context UriInfo uri) {
        var properties = body == null ? new VaultProperties(null, null) : body;
        var result = setVault.execute(new SetVault.Command(name, properties.softDeleteRetentionInDays(), properties.enablePurgeProtection(),
                identity.caller().subject()));
        return Response.status(result.created() ? 201 : 200).entity(model(result.vault(), uri)).build();
    }

    @GET
    @Path("{vault}")
    @Operation(summary = "Get a vault")
    public VaultModel get(@PathParam("vault") String name, @Context UriInfo uri) {
        return model(vaults.get(name), uri);
    }

    @GET
    @Operation(summary = "List vaults")
    public VaultList list(@Context UriInfo uri) {
        var visible = visibleVaults.to(identity.caller());
        return new VaultList(vaults.list().stream().filter(v -> visible.test(v.name())).map(v -> model(v, uri)).toList(), null);
    }

    @DELETE
    @Path("{vault}")
    @Operation(summary = "Delete an empty vault (refused while it holds certificates, soft-deleted ones included)")
    public VaultModel delete(@PathParam("vault") String name, @Context UriInfo uri) {
        return model(deleteVault.execute(name), uri);
    }

    private static VaultModel model(Vault vault, UriInfo uri) {
        return new VaultModel(Ids.vault(uri, vault.name()), vault.name(), vault.softDeleteRetentionDays(), vault.purgeProtection(),
                vault.recoveryLevel(), vault.created().getEpochSecond(), vault.updated().getEpochSecond());
    }
}
