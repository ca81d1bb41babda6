package io.renewd.web;

import io.renewd.application.Failure;
import io.renewd.application.certificates.CancelOperation;
import io.renewd.application.certificates.CreateCertificate;
import io.renewd.application.certificates.MergeCertificate;
import io.renewd.application.certificates.UpdateCertificate;
import io.renewd.application.inventory.PersonVaults;
import io.renewd.domain.audit.AuditRecord;
import io.renewd.domain.security.Permission;
import io.renewd.events.AuditTrail;
import io.renewd.pki.PkiInputException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.MDC;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What a person may do to a certificate from its page, through the same use cases, permissions and audit entries as
 * the API: renew now (create, as {@code POST …/create} without a policy), cancel the pending operation (update), merge
 * a signed certificate (create), enable or disable the current version (update). Each form carries the session's CSRF
 * token; a POST without it, or from a person without the permission, changes nothing and answers 403.
 */
@Path("/ui/vaults/{vault}/certificates/{name}/actions")
@Produces(MediaType.TEXT_HTML)
@Consumes({MediaType.APPLICATION_FORM_URLENCODED, MediaType.MULTIPART_FORM_DATA})
public class CertificateActions {

    /** The largest signed certificate (PEM chain) a person may paste or upload. */
    static final long MAX_MERGE_SIZE = 256 * 1024;

    private final PageRenderer pages;
    private final PersonVaults personVaults;
    private final CertificatePage page;
    private final CreateCertificate createCertificate;
    private final CancelOperation cancelOperation;
    private final MergeCertificate mergeCertificate;
    private final UpdateCertificate updateCertificate;
    private final AuditTrail audit;
    private final Clock clock;

    CertificateActions(PageRenderer pages, PersonVaults personVaults, CertificatePage page, CreateCertificate createCertificate,
                       CancelOperation cancelOperation, MergeCertificate mergeCertificate, UpdateCertificate updateCertificate,
                       AuditTrail audit, Clock clock) {
        this.pages = pages;
        this.personVaults = personVaults;
        this.page = page;
        this.createCertificate = createCertificate;
        this.cancelOperation = cancelOperation;
        this.mergeCertificate = mergeCertificate;
        this.updateCertificate = updateCertificate;
        this.audit = audit;
        this.clock = clock;
    }

    @POST
    @Path("renew")
    public Response renew(@PathParam("vault") String vault, @PathParam("name") String name, @RestForm(CsrfTokens.FIELD) String token,
                          @CookieParam(CsrfTokens.COOKIE) String csrf) {
        return act(vault, name, token, csrf, Permission.CREATE, "createCertificate", 202, "renewed", () -> {
            createCertificate.execute(new CreateCertificate.Command(vault, name, null, null, null, null), pages.caller());
            return "renew now (web)";
        });
    }

    @POST
    @Path("cancel")
    public Response cancel(@PathParam("vault") String vault, @PathParam("name") String name, @RestForm(CsrfTokens.FIELD) String token,
                           @CookieParam(CsrfTokens.COOKIE) String csrf) {
        return act(vault, name, token, csrf, Permission.UPDATE, "updateCertificateOperation", 200, "cancelled", () -> {
            var cancelled = cancelOperation.execute(vault, name);
            return cancelled.late() ? "cancellation requested after the operation ended (" + cancelled.operation().status().wireName()
                    + "): nothing changed" : "cancellation requested";
        });
    }

    @POST
    @Path("merge")
    public Response merge(@PathParam("vault") String vault, @PathParam("name") String name, @RestForm(CsrfTokens.FIELD) String token,
                          @RestForm("pem") String pem, @RestForm("file") FileUpload file, @CookieParam(CsrfTokens.COOKIE) String csrf) {
        return act(vault, name, token, csrf, Permission.CREATE, "mergeCertificate", 201, "merged", () -> {
            String chain = signedCertificate(pem, file);
            mergeCertificate.execute(new MergeCertificate.Command(vault, name, List.of(chain), null, null));
            return null;
        });
    }

    @POST
    @Path("enabled")
    public Response enabled(@PathParam("vault") String vault, @PathParam("name") String name, @RestForm(CsrfTokens.FIELD) String token,
                            @RestForm("enabled") String enabled, @CookieParam(CsrfTokens.COOKIE) String csrf) {
        boolean enable = "true".equals(enabled);
        return act(vault, name, token, csrf, Permission.UPDATE, "updateCertificate", 200, enable ? "enabled" : "disabled", () -> {
            if (!"true".equals(enabled) && !"false".equals(enabled)) {
                throw Failure.badParameter("enabled must be true or false");
            }
            updateCertificate.execute(new UpdateCertificate.Command(vault, name, null, null, enable, null), pages.caller());
            return enable ? "enabled (web)" : "disabled (web)";
        });
    }

    /**
     * The checks every action makes, in the API's order (the person's permission, then the use case), each outcome
     * audited as the API audits it; a success redirects to the certificate's page with a message.
     */
    private Response act(String vault, String name, String token, String csrf, Permission needed, String operation, int status,
                         String done, Supplier<String> action) {
        if (!pages.acceptsForm(csrf, token)) {
            return Response.status(403).type(MediaType.TEXT_PLAIN_TYPE)
                    .entity("This form has expired or did not come from renewd's page: open the page again and retry.").build();
        }
        if (!personVaults.in(vault, pages.caller()).contains(needed)) {
            record(vault, name, operation, 403, "principal lacks certificate permission '" + needed.wireName() + "'");
            return Response.status(403).type(MediaType.TEXT_PLAIN_TYPE)
                    .entity("You do not have certificate permission '" + needed.wireName() + "' on this vault.").build();
        }
        try {
            String details = action.get();
            record(vault, name, operation, status, details);
        } catch (Failure failure) {
            int refused = switch (failure.kind()) {
                case BAD_REQUEST -> 400;
                case NOT_FOUND -> 404;
                case CONFLICT -> 409;
                case FORBIDDEN -> 403;
            };
            return refused(vault, name, operation, refused, failure.code(), failure.getMessage(), csrf);
        } catch (PkiInputException badInput) {
            // As the API answers it: 400 BadParameter (a certificate that does not parse, or is not for the CSR).
            return refused(vault, name, operation, 400, "BadParameter", badInput.getMessage(), csrf);
        }
        return Response.seeOther(URI.create(CertificatePage.href(vault, name) + "?done=" + done)).build();
    }

    private Response refused(String vault, String name, String operation, int status, String code, String message, String csrf) {
        record(vault, name, operation, status, code);
        return page.render(vault, name, Optional.empty(), Optional.of(message), status, csrf);
    }

    private void record(String vault, String name, String operation, int status, String details) {
        Object requestId = MDC.get("requestId");
        audit.record(new AuditRecord(clock.instant(), pages.caller().subject(), vault, name, operation, AuditRecord.outcomeOf(status), status,
                requestId == null ? null : requestId.toString(), details));
    }

    /** The pasted PEM, else the uploaded file's; at most {@link #MAX_MERGE_SIZE}. */
    private static String signedCertificate(String pem, FileUpload file) {
        if (pem != null && !pem.isBlank()) {
            if (pem.length() > MAX_MERGE_SIZE) {
                throw Failure.badParameter("the signed certificate is larger than " + MAX_MERGE_SIZE / 1024 + " KiB");
            }
            return pem.strip();
        }
        if (file == null || file.size() == 0) {
            throw Failure.badParameter("paste the signed certificate (PEM) or choose its file");
        }
        if (file.size() > MAX_MERGE_SIZE) {
            throw Failure.badParameter("the signed certificate's file is larger than " + MAX_MERGE_SIZE / 1024 + " KiB");
        }
        try {
            return Files.readString(file.uploadedFile()).strip();
        } catch (java.nio.charset.MalformedInputException e) {
            throw Failure.badParameter("the signed certificate's file is not PEM text");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
