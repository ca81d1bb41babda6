package io.renewd.api;

import io.renewd.application.Failure;
import io.renewd.application.security.AccessPolicies;
import io.renewd.application.security.DeleteAccessPolicy;
import io.renewd.application.security.SetAccessPolicy;
import io.renewd.application.vault.VaultQueries;
import io.renewd.domain.security.AccessPolicy;
import io.renewd.domain.security.BuiltInRole;
import io.renewd.domain.security.Permission;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

/** Who may do what in a vault: access policies of users (token subject) and groups (token groups claim). Needs the Administrator role. */
@Path("/vaults/{vault}/accessPolicies")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Access policies")
public class AccessPoliciesResource {

    /** One access policy: {@code kind} is {@code user} or {@code group}; permissions in Key Vault's names; roles by display name. */
    public record Model(String kind, String principal, List<String> permissions, List<String> roles) {
    }

    /** What a PUT sets. */
    public record Grant(List<String> permissions, List<String> roles) {
    }

    public record Models(List<Model> value) {
    }

    private final AccessPolicies policies;
    private final SetAccessPolicy set;
    private final DeleteAccessPolicy delete;
    private final VaultQueries vaults;

    AccessPoliciesResource(AccessPolicies policies, SetAccessPolicy set, DeleteAccessPolicy delete, VaultQueries vaults) {
        this.policies = policies;
        this.set = set;
        this.delete = delete;
        this.vaults = vaults;
    }

    @GET
    @Operation(summary = "List the vault's access policies")
    public Models list(@PathParam("vault") String vault) {
        vaults.get(vault);
        return new Models(policies.of(vault).stream().map(AccessPoliciesResource::model).toList());
    }

    @GET
    @Path("{kind}/{principal}")
    @Operation(summary = "Get the access policy of a user or group")
    public Model get(@PathParam("vault") String vault, @PathParam("kind") String kind, @PathParam("principal") String principal) {
        vaults.get(vault);
        return policies.find(vault, SetAccessPolicy.kind(kind), principal).map(AccessPoliciesResource::model)
                .orElseThrow(() -> Failure.notFound("AccessPolicyNotFound", "vault '" + vault + "' has no access policy for " + kind + " '" + principal + "'"));
    }

    @PUT
    @Path("{kind}/{principal}")
    @Operation(summary = "Set (replace) the permissions and roles of a user or group")
    public Model put(@PathParam("vault") String vault, @PathParam("kind") String kind, @PathParam("principal") String principal, Grant body) {
        if (body == null) {
            throw Failure.badParameter("a body with permissions and/or roles is required");
        }
        return model(set.execute(new SetAccessPolicy.Command(vault, kind, principal, body.permissions(), body.roles())));
    }

    @DELETE
    @Path("{kind}/{principal}")
    @Operation(summary = "Take a user's or group's access away")
    public Response delete(@PathParam("vault") String vault, @PathParam("kind") String kind, @PathParam("principal") String principal) {
        delete.execute(vault, kind, principal);
        return Response.noContent().build();
    }

    private static Model model(AccessPolicy policy) {
        return new Model(policy.kind().name().toLowerCase(), policy.principal(),
                policy.permissions().stream().map(Permission::wireName).sorted().toList(),
                policy.roles().stream().map(BuiltInRole::displayName).sorted().toList());
    }
}
