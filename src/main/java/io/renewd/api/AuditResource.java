package io.renewd.api;

import io.renewd.application.Failure;
import io.renewd.application.audit.AuditQueries;
import io.renewd.domain.audit.AuditRecord;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
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

    /** A page of entries; {@code nextLink} (with a {@code $skiptoken}) fetches the next one, null on the last. */
    public record Entries(List<AuditRecord> value, String nextLink) {
    }

    private final AuditQueries queries;
    private final Clock clock;

    AuditResource(AuditQueries queries, Clock clock) {
        this.queries = queries;
        this.clock = clock;
    }

    @GET
    @Operation(summary = "Audit entries of the vault from 'from' (default: a day ago) to 'to' (default: now), ISO-8601 instants, oldest first; follow nextLink for more")
    public Entries list(@PathParam("vault") String vault, @QueryParam("from") String from, @QueryParam("to") String to,
                        @QueryParam("maxresults") String maxResultsParameter, @QueryParam("$skiptoken") String skipToken,
                        @Context UriInfo uri) {
        int maxResults = QueryParameters.wholeNumber("maxresults", maxResultsParameter, 100);
        AuditQueries.Page page;
        Instant end;
        if (skipToken != null) {
            Continuation continuation = Continuation.parse(SkipTokens.decode(skipToken));
            end = continuation.to();
            page = queries.after(vault, continuation.cursor(), end, maxResults);
        } else {
            end = to == null ? clock.instant() : instant("to", to);
            page = queries.between(vault, from == null ? end.minus(Duration.ofDays(1)) : instant("from", from), end, maxResults);
        }
        Instant fixedEnd = end;
        return new Entries(page.entries(), page.next()
                .map(cursor -> SkipTokens.nextLink(uri, new Continuation(fixedEnd, cursor).toString(), maxResults)).orElse(null));
    }

    private static Instant instant(String name, String value) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw Failure.badParameter(name + " '" + value + "' is not an ISO-8601 instant such as 2026-11-30T00:00:00Z");
        }
    }

    /** What a $skiptoken carries: the end of the range and where the next page starts. */
    private record Continuation(Instant to, AuditQueries.Cursor cursor) {

        static Continuation parse(String text) {
            String[] parts = text == null ? new String[0] : text.split("\\|");
            if (parts.length == 3) {
                try {
                    return new Continuation(Instant.parse(parts[0]), new AuditQueries.Cursor(Instant.parse(parts[1]), Long.parseLong(parts[2])));
                } catch (DateTimeParseException | NumberFormatException e) {
                    throw notIssued();
                }
            }
            throw notIssued();
        }

        private static RuntimeException notIssued() {
            return Failure.badParameter("$skiptoken is not one renewd issued: follow nextLink as it is");
        }

        @Override
        public String toString() {
            return to + "|" + cursor.at() + "|" + cursor.id();
        }
    }
}
