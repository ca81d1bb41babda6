package io.renewd.api;

import io.renewd.application.crypto.RewrapSealedValues;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Operator actions that belong to no vault. */
@Path("/admin")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.WILDCARD)
@Tag(name = "Admin")
public class AdminResource {

    private final RewrapSealedValues rewrap;

    AdminResource(RewrapSealedValues rewrap) {
        this.rewrap = rewrap;
    }

    @POST
    @Path("kek/rewrap")
    @Operation(summary = "After a KEK rotation: re-wrap every sealed value under the active KEK; older KEKs can then be removed")
    public RewrapSealedValues.Result rewrap() {
        return rewrap.execute();
    }
}
