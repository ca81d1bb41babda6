package io.renewd.web;

import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.SecurityIdentity;
import io.renewd.application.security.CallerIdentity;
import io.renewd.domain.security.Caller;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Renders a page for the signed-in person: the layout's data (who is signed in, the form token), the CSRF cookie when
 * the session has none yet, and headers that keep pages out of caches and frames and scripts to renewd's own.
 */
@RequestScoped
public class PageRenderer {

    private final CallerIdentity callerIdentity;
    private final SecurityIdentity identity;
    private final CsrfTokens csrf;

    PageRenderer(CallerIdentity callerIdentity, SecurityIdentity identity, CsrfTokens csrf) {
        this.callerIdentity = callerIdentity;
        this.identity = identity;
        this.csrf = csrf;
    }

    public Caller caller() {
        return callerIdentity.caller();
    }

    /** The name to greet the person with: their user name at the identity provider, else their subject. */
    public String displayName() {
        if (identity.getPrincipal() instanceof JsonWebToken token && token.getClaim("preferred_username") instanceof Object name) {
            return String.valueOf(name).replace("\"", "");
        }
        return caller().subject();
    }

    /** Whether a POST's form token belongs to this session and person. */
    public boolean acceptsForm(String cookieNonce, String token) {
        return csrf.accepts(cookieNonce, token, caller().subject());
    }

    public Response render(TemplateInstance page, String cookieNonce, int status) {
        CsrfTokens.Session session = csrf.session(cookieNonce, caller().subject());
        String html = page.data("person", displayName()).data("csrfField", CsrfTokens.FIELD).data("csrfToken", session.token()).render();
        Response.ResponseBuilder response = Response.status(status).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).entity(html)
                .header("Cache-Control", "no-store")
                .header("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'; form-action 'self'")
                .header("X-Content-Type-Options", "nosniff")
                .header("Referrer-Policy", "same-origin");
        session.cookie().ifPresent(response::cookie);
        return response.build();
    }
}
