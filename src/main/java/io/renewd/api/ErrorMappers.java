package io.renewd.api;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.InvalidDefinitionException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.renewd.application.Failure;
import io.renewd.pki.PkiInputException;
import io.renewd.store.StoredPolicyUnreadable;
import org.hibernate.exception.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.UUID;

/** Every error leaves the API in Key Vault's shape, with a code and a message naming the problem. */
public class ErrorMappers {

    private static final Logger LOG = Logger.getLogger(ErrorMappers.class);

    @ServerExceptionMapper
    public Response failure(Failure failure) {
        int status = switch (failure.kind()) {
            case BAD_REQUEST -> 400;
            case NOT_FOUND -> 404;
            case CONFLICT -> 409;
            case FORBIDDEN -> 403;
        };
        return error(status, failure.code(), failure.getMessage());
    }

    // Quarkus maps these subtypes itself, and the closest type wins: name them so ours apply.
    @ServerExceptionMapper
    public Response mismatchedJson(MismatchedInputException e) {
        return unreadableJson(e);
    }

    @ServerExceptionMapper
    public Response brokenJson(JsonParseException e) {
        return unreadableJson(e);
    }

    @ServerExceptionMapper
    public Response unreadableJson(JsonProcessingException e) {
        if (e instanceof InvalidDefinitionException) {
            return internal(e); // a request type Jackson cannot build: renewd's fault, not the caller's
        }
        // The message names the member and what it must be; it never repeats what was sent (passwords, keys).
        return error(400, "BadParameter", JsonProblems.describe(e));
    }

    /** Bad certificates, keys, passwords, CSRs: Key Vault answers all of them with BadParameter. */
    @ServerExceptionMapper
    public Response badPkiInput(PkiInputException e) {
        return error(400, "BadParameter", e.getMessage());
    }

    /** Two requests raced to create the same object; the loser changed nothing and may retry. */
    @ServerExceptionMapper
    public Response concurrentChange(ConstraintViolationException e) {
        return error(409, "Conflict", "another request changed the same object at the same time; nothing was changed, retry");
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e) {
        if (e.getCause() instanceof JsonProcessingException json) {
            return unreadableJson(json);
        }
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            return internal(e);
        }
        String code = switch (status) {
            case 404 -> "NotFound";
            case 405 -> "MethodNotAllowed";
            case 406 -> "NotAcceptable";
            case 413 -> "RequestTooLarge";
            case 415 -> "UnsupportedMediaType";
            default -> "BadParameter";
        };
        return error(status, code, e.getMessage());
    }

    /** A certificate whose stored policy this release cannot read: said as such, with the way out. */
    @ServerExceptionMapper
    public Response unreadablePolicy(StoredPolicyUnreadable e) {
        LOG.warn(e.getMessage());
        return error(500, StoredPolicyUnreadable.CODE, e.getMessage() + "; set a valid policy with PATCH .../certificates/{name}/policy");
    }

    @ServerExceptionMapper
    public Response unexpected(RuntimeException e) {
        return internal(e);
    }

    private static Response internal(Exception e) {
        String incident = UUID.randomUUID().toString();
        LOG.errorf(e, "internal error %s", incident);
        return error(500, "InternalError", "renewd failed to handle the request (incident " + incident + "); see its log");
    }

    static Response error(int status, String code, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(KeyVaultError.of(code, message)).build();
    }
}
