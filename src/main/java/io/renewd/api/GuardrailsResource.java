package io.renewd.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.renewd.application.Failure;
import io.renewd.application.guardrails.DeleteGuardrails;
import io.renewd.application.guardrails.GuardrailQueries;
import io.renewd.application.guardrails.GuardrailsView;
import io.renewd.application.guardrails.SetGuardrails;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A vault's guardrails (renewd's extension): the issuance policy its certificates must follow.
 * PUT replaces them all, strictly: an unknown member is refused rather than ignored, so that a
 * misspelt rule never goes unnoticed.
 */
@Path("/vaults/{vault}/guardrails")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Guardrails", description = "Issuance policy of a vault: key sizes, curves, validity, issuers, DNS names")
public class GuardrailsResource {

    static final List<String> MEMBERS = List.of("min_rsa_key_size", "allowed_curves", "max_validity", "allowed_issuers", "allowed_dns_names",
            "allow_ca", "allowed_ekus", "allowed_san_types");

    private final SetGuardrails setGuardrails;
    private final DeleteGuardrails deleteGuardrails;
    private final GuardrailQueries queries;
    private final ObjectMapper mapper;

    GuardrailsResource(SetGuardrails setGuardrails, DeleteGuardrails deleteGuardrails, GuardrailQueries queries, ObjectMapper mapper) {
        this.setGuardrails = setGuardrails;
        this.deleteGuardrails = deleteGuardrails;
        this.queries = queries;
        this.mapper = mapper;
    }

    @GET
    @Operation(summary = "Get the vault's guardrails (members absent: no rule; default_server_auth_max_validity applies while max_validity is absent)")
    public GuardrailsModel get(@PathParam("vault") String vault, @Context UriInfo uri) {
        return model(uri, queries.get(vault));
    }

    @PUT
    @Operation(summary = "Replace the vault's guardrails; they apply to policies set, certificates created, imported or merged, "
            + "and renewals from now on (existing versions stay)")
    @APIResponse(responseCode = "200", description = "The guardrails now in force",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = GuardrailsModel.class)))
    @APIResponse(responseCode = "400", description = "A member is invalid or unknown (BadParameter); nothing was changed",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = KeyVaultError.class)))
    public GuardrailsModel put(@PathParam("vault") String vault,
                               @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
                                       schema = @Schema(implementation = GuardrailsModel.class))) JsonNode body,
                               @Context UriInfo uri) {
        return model(uri, setGuardrails.execute(vault, read(body).toDraft()));
    }

    @DELETE
    @Operation(summary = "Remove the vault's guardrails (only the serverAuth default stays); returns what was removed")
    public GuardrailsModel delete(@PathParam("vault") String vault, @Context UriInfo uri) {
        return model(uri, deleteGuardrails.execute(vault));
    }

    private GuardrailsModel read(JsonNode body) {
        if (body == null || body.isNull() || body.isMissingNode()) {
            throw Failure.badParameter("the guardrails are required as a JSON object (" + String.join(", ", MEMBERS)
                    + "); DELETE removes them");
        }
        if (!body.isObject()) {
            throw Failure.badParameter("the guardrails must be a JSON object with members " + String.join(", ", MEMBERS));
        }
        try {
            return mapper.readerFor(GuardrailsModel.class).with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).readValue(body);
        } catch (UnrecognizedPropertyException e) {
            throw Failure.badParameter("unknown member '" + e.getPropertyName() + "': guardrails have " + String.join(", ", MEMBERS));
        } catch (MismatchedInputException e) {
            throw Failure.badParameter(member(e) + " has the wrong type: " + expected(e.getTargetType()));
        } catch (JsonProcessingException e) {
            throw Failure.badParameter("the guardrails are not readable: " + e.getOriginalMessage());
        } catch (java.io.IOException e) {
            throw Failure.badParameter("the guardrails are not readable: " + e.getMessage());
        }
    }

    private static String member(JsonMappingException e) {
        String path = e.getPath().stream().map(JsonMappingException.Reference::getFieldName).filter(Objects::nonNull)
                .collect(Collectors.joining("."));
        return path.isEmpty() ? "a member" : path;
    }

    private static String expected(Class<?> type) {
        if (type == null) {
            return "see the Guardrails schema";
        }
        if (Integer.class.equals(type) || int.class.equals(type)) {
            return "expected a whole number";
        }
        if (Boolean.class.equals(type) || boolean.class.equals(type)) {
            return "expected true or false";
        }
        if (String.class.equals(type)) {
            return "expected a string";
        }
        if (List.class.isAssignableFrom(type)) {
            return "expected a list of strings";
        }
        return "expected " + type.getSimpleName();
    }

    private static GuardrailsModel model(UriInfo uri, GuardrailsView view) {
        return GuardrailsModel.of(Ids.vault(uri, view.vault()) + "/guardrails", view);
    }
}
