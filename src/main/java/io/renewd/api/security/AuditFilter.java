package io.renewd.api.security;

import io.renewd.api.RequestLogContext;
import io.renewd.application.security.CallerIdentity;
import io.renewd.domain.audit.AuditRecord;
import io.renewd.events.AuditTrail;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.MultivaluedMap;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import java.time.Clock;

/** Records every API operation in the audit trail once it is answered: who, what, which object, outcome, request id. */
public class AuditFilter {

    private final AuditTrail trail;
    private final CallerIdentity identity;
    private final AuditNotes notes;
    private final Clock clock;

    AuditFilter(AuditTrail trail, CallerIdentity identity, AuditNotes notes, Clock clock) {
        this.trail = trail;
        this.identity = identity;
        this.notes = notes;
        this.clock = clock;
    }

    @ServerResponseFilter
    public void audit(ContainerRequestContext request, ContainerResponseContext response) {
        if (!(request.getProperty(AuthorizationFilter.RULE) instanceof OperationRule rule)) {
            return;
        }
        MultivaluedMap<String, String> path = request.getUriInfo().getPathParameters();
        String object = notes.object().isPresent() ? notes.object().get()
                : path.containsKey("name") ? path.getFirst("name")
                : path.containsKey("issuer") ? path.getFirst("issuer")
                : path.containsKey("principal") ? path.getFirst("kind") + "/" + path.getFirst("principal") : null;
        Object requestId = request.getProperty(RequestLogContext.HEADER);
        trail.record(new AuditRecord(clock.instant(), identity.caller().subject(), path.getFirst("vault"), object,
                notes.operation().orElse(rule.operation()), AuditRecord.outcomeOf(response.getStatus()), response.getStatus(),
                requestId == null ? null : requestId.toString(), notes.details().orElse(null)));
    }
}
