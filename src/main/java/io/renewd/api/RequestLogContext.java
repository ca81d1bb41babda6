package io.renewd.api;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Puts the request id ({@code X-Request-Id}, or a new one, echoed in the response) and the
 * certificate a request is about into the logging context, so every log line of a request
 * (JSON in production: {@code mdc.requestId}, {@code mdc.certificate}) can be found; logs each
 * change (every request but reads) with its outcome.
 */
public class RequestLogContext {

    public static final String HEADER = "X-Request-Id";
    private static final Logger LOG = Logger.getLogger(RequestLogContext.class);
    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    private static final Pattern CERTIFICATE = Pattern.compile("^/vaults/([^/]+)/(?:certificates|secrets|keys|deletedcertificates)/([^/]+)");

    @ServerRequestFilter(preMatching = true)
    public void enter(ContainerRequestContext request) {
        String given = request.getHeaderString(HEADER);
        // A caller's id is kept only when it is harmless in logs.
        String id = given != null && SAFE_ID.matcher(given).matches() ? given : UUID.randomUUID().toString();
        request.setProperty(HEADER, id);
        MDC.put("requestId", id);
        var certificate = CERTIFICATE.matcher(request.getUriInfo().getPath());
        if (certificate.find() && !"issuers".equals(certificate.group(2)) && !"contacts".equals(certificate.group(2))) {
            MDC.put("certificate", certificate.group(1) + "/" + certificate.group(2));
        }
    }

    @ServerResponseFilter
    public void leave(ContainerRequestContext request, ContainerResponseContext response) {
        Object id = request.getProperty(HEADER);
        if (id != null) {
            response.getHeaders().putSingle(HEADER, id);
        }
        if (!"GET".equals(request.getMethod()) && !"HEAD".equals(request.getMethod())) {
            LOG.infof("%s %s -> %d", request.getMethod(), request.getUriInfo().getPath(), response.getStatus());
        }
        MDC.remove("requestId");
        MDC.remove("certificate");
    }
}
