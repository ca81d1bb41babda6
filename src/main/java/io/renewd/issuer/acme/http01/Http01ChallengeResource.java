package io.renewd.issuer.acme.http01;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.util.regex.Pattern;

/**
 * Answers HTTP-01 validation requests (RFC 8555 section 8.3) from the database, so whichever
 * replica the CA reaches answers, and only to a request for the name the token proves (its Host
 * header). CAs connect on port 80: route {@code /.well-known/acme-challenge/} of every certified
 * name to renewd's HTTP port.
 */
@Path("/.well-known/acme-challenge")
public class Http01ChallengeResource {

    /** A token is base64url (RFC 8555 section 8.1); anything else is not one of ours. */
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{1,128}");

    private final Http01Challenges challenges;

    Http01ChallengeResource(Http01Challenges challenges) {
        this.challenges = challenges;
    }

    @GET
    @Path("{token}")
    @Produces(MediaType.TEXT_PLAIN)
    @Operation(hidden = true)
    public Response keyAuthorization(@PathParam("token") String token, @HeaderParam("Host") String host) {
        if (!TOKEN.matcher(token).matches()) {
            return Response.status(Response.Status.NOT_FOUND).build();
        }
        return challenges.keyAuthorization(token, host)
                .map(answer -> Response.ok(answer, MediaType.TEXT_PLAIN_TYPE).build())
                .orElseGet(() -> Response.status(Response.Status.NOT_FOUND).build());
    }
}
