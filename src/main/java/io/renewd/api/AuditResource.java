package io.renewd.api;

import io.renewd.application.Failure;
import io.renewd.application.audit.AuditQueries;
import io.renewd.domain.audit.AuditRecord;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

/** A vault's audit trail: every API operation and automatic action, oldest first. Needs the Administrator role. */
@Path("/vaults/{vault}/audit")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Audit")
public class AuditResource {

    public record Entries(List<AuditRecord> value) {
    }

    private final AuditQueries queries;
    private final Clock clock;

    AuditResource(AuditQueries queries, Clock clock) {
        this.queries = queries;
        this.clock = clock;
    }

    @GET
    @Operation(summary = "Audit entries of the vault from 'from' (default: a day ago) to 'to' (default: now), ISO-8601 instants")
    public Entries list(@PathParam("vault") String vault, @QueryParam("from") String from, @QueryParam("to") String to,
                        @QueryParam("maxresults") @DefaultValue("100") int maxResults) {
        Instant end = to == null ? clock.instant() : instant("to", to);
        Instant start = from == null ? end.minus(Duration.ofDays(1)) : instant("from", from);
        return new Entries(queries.between(vault, start, end, maxResults));
    }

    private static Instant instant(String name, String value) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw Failure.badParameter(name + " '" + value + "' is not an ISO-8601 instant such as 2026-11-30T00:00:00Z");
        }
    }
}
