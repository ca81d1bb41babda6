package io.renewd.web;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateData;
import io.quarkus.qute.TemplateInstance;
import io.renewd.application.Failure;
import io.renewd.application.certificates.CertificateQueries;
import io.renewd.application.certificates.CertificateView;
import io.renewd.application.certificates.OperationQueries;
import io.renewd.application.certificates.OperationView;
import io.renewd.application.certificates.VersionView;
import io.renewd.application.inventory.InventoryQueries;
import io.renewd.application.inventory.PersonVaults;
import io.renewd.domain.CertificatePolicy;
import io.renewd.domain.KeySpec;
import io.renewd.domain.LifetimeAction;
import io.renewd.domain.LifetimeTrigger;
import io.renewd.domain.OperationStatus;
import io.renewd.domain.Validity;
import io.renewd.domain.audit.AuditRecord;
import io.renewd.domain.inventory.CertificateState;
import io.renewd.domain.security.Permission;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A certificate's page: its state, versions, policy, lifetime actions with their due times, the pending operation (its
 * CSR to download, a form to merge the signed certificate), the renewer's last attempts and the recent audit entries;
 * and the actions the person may take. A person who may not see the certificate gets the same 404 as for one that
 * does not exist.
 */
@Path("/ui/vaults/{vault}/certificates/{name}")
@Produces(MediaType.TEXT_HTML)
public class CertificatePage {

    /** What an action's redirect says happened: fixed texts, so a link cannot put words in renewd's mouth. */
    static final Map<String, String> MESSAGES = Map.of(
            "renewed", "Renewal started: a new version is being made with the stored policy.",
            "cancelled", "Cancellation requested.",
            "merged", "The signed certificate was merged: it is the current version now.",
            "enabled", "The current version is enabled.",
            "disabled", "The current version is disabled.");

    @TemplateData
    public record Version(String version, String notBefore, String notAfter, boolean enabled, String created, boolean current) {
    }

    @TemplateData
    public record Due(String kind, String trigger, String dueAt, String state, String settled) {
    }

    @TemplateData
    public record Entry(String at, String principal, String operation, String outcome, String details) {
    }

    @TemplateData
    public record Operation(String status, String issuer, String details, String error, boolean hasCsr, boolean inProgress,
                            boolean awaitingMerge) {
    }

    @TemplateData
    public record Policy(String issuer, String subject, String sans, String validity, String key, boolean exportable, List<String> actions) {
    }

    /** Which actions the person's permissions allow (the permission the API asks for each). */
    @TemplateData
    public record Allowed(boolean renew, boolean cancel, boolean merge, boolean update, boolean audit) {

        static Allowed of(Set<Permission> granted) {
            return new Allowed(granted.contains(Permission.CREATE), granted.contains(Permission.UPDATE), granted.contains(Permission.CREATE),
                    granted.contains(Permission.UPDATE), granted.contains(Permission.MANAGE_ACCESS));
        }
    }

    private final Template page;
    private final PageRenderer pages;
    private final PersonVaults personVaults;
    private final CertificateQueries certificates;
    private final OperationQueries operations;
    private final InventoryQueries inventory;
    private final Clock clock;

    CertificatePage(@Location("web/certificate.html") Template page, PageRenderer pages, PersonVaults personVaults,
                    CertificateQueries certificates, OperationQueries operations, InventoryQueries inventory, Clock clock) {
        this.page = page;
        this.pages = pages;
        this.personVaults = personVaults;
        this.certificates = certificates;
        this.operations = operations;
        this.inventory = inventory;
        this.clock = clock;
    }

    /** The page's address. */
    static String href(String vault, String name) {
        return "/ui/vaults/" + encode(vault) + "/certificates/" + encode(name);
    }

    @GET
    public Response show(@PathParam("vault") String vault, @PathParam("name") String name, @QueryParam("done") String done,
                         @CookieParam(CsrfTokens.COOKIE) String csrf) {
        return render(vault, name, Optional.ofNullable(MESSAGES.get(String.valueOf(done))), Optional.empty(), 200, csrf);
    }

    /** The pending operation's CSR (PEM), for a CA to sign. */
    @GET
    @Path("csr")
    @Produces("application/pkcs10")
    public Response csr(@PathParam("vault") String vault, @PathParam("name") String name) {
        if (!personVaults.in(vault, pages.caller()).contains(Permission.GET)) {
            return notFound();
        }
        try {
            byte[] csr = operations.get(vault, name).csr().orElseThrow(() -> Failure.notFound("PendingCertificateNotFound", "no CSR"));
            String pem = "-----BEGIN CERTIFICATE REQUEST-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                    .encodeToString(csr) + "\n-----END CERTIFICATE REQUEST-----\n";
            return Response.ok(pem).header("Content-Disposition", "attachment; filename=\"" + name.replaceAll("[^A-Za-z0-9-]", "_") + ".csr\"")
                    .header("Cache-Control", "no-store").build();
        } catch (Failure e) {
            return notFound();
        }
    }

    /** The page, with a message after an action or an error an action met. */
    Response render(String vault, String name, Optional<String> message, Optional<String> error, int status, String csrf) {
        Set<Permission> granted = personVaults.in(vault, pages.caller());
        if (!granted.contains(Permission.GET)) {
            return notFound();
        }
        CertificateView certificate;
        try {
            certificate = certificates.get(vault, name);
        } catch (Failure e) {
            return notFound();
        }
        Instant now = clock.instant();
        String current = certificate.current().map(VersionView::version).orElse(null);
        List<Version> versions = certificates.versions(vault, name, CertificateQueries.MAX_PAGE_SIZE, 0).items().stream()
                .map(v -> new Version(v.version(), Formats.time(v.notBefore()), Formats.timeAndRelative(v.notAfter(), now), v.enabled(),
                        Formats.time(v.created()), v.version().equals(current))).toList();
        Optional<OperationView> operation = operation(vault, name);
        Allowed allowed = Allowed.of(granted);
        CertificateState state = inventory.state(vault, name).orElse(CertificateState.HEALTHY);
        TemplateInstance instance = page.data("vault", vault).data("name", certificate.name()).data("href", href(vault, certificate.name()))
                .data("state", state.key()).data("stateLabel", state.label())
                .data("expires", certificate.current().map(v -> Formats.timeAndRelative(v.notAfter(), now)).orElse("no version yet"))
                .data("enabled", certificate.current().map(VersionView::enabled).orElse(false))
                .data("hasVersion", certificate.current().isPresent())
                .data("versions", versions)
                .data("policy", policy(certificate.policy()))
                .data("due", inventory.dueActions(vault, name).stream().map(d -> new Due(d.kind(), d.trigger(), Formats.timeAndRelative(d.dueAt(), now),
                        d.state(), Formats.time(d.settledAt()))).toList())
                .data("operation", operation.map(CertificatePage::operation).orElse(null))
                .data("attempts", entries(inventory.audit(vault, certificate.name(), true, 10)))
                .data("audit", allowed.audit() ? entries(inventory.audit(vault, certificate.name(), false, 20)) : List.of())
                .data("allowed", allowed)
                .data("message", message.orElse(null))
                .data("error", error.orElse(null));
        return pages.render(instance, csrf, status);
    }

    private Optional<OperationView> operation(String vault, String name) {
        try {
            return Optional.of(operations.get(vault, name));
        } catch (Failure e) {
            return Optional.empty();
        }
    }

    private static Operation operation(OperationView o) {
        boolean inProgress = o.status() == OperationStatus.IN_PROGRESS;
        return new Operation(o.status().wireName(), o.issuerName(), o.statusDetails(),
                o.errorCode() == null ? null : o.errorCode() + ": " + o.errorMessage(), o.csr().isPresent() && inProgress, inProgress,
                inProgress && "unknown".equalsIgnoreCase(o.issuerName()));
    }

    private static Policy policy(CertificatePolicy p) {
        var sans = p.x509().sans();
        String names = sans == null ? "" : java.util.stream.Stream.of(sans.dnsNames(), sans.emails(), sans.upns(), sans.ipAddresses())
                .filter(java.util.Objects::nonNull).flatMap(List::stream).collect(Collectors.joining(", "));
        String validity = switch (p.x509().validity()) {
            case Validity.Months months -> months.months() + (months.months() == 1 ? " month" : " months");
            case Validity.Exact exact -> exact.duration().toDays() + " days";
            case null -> "";
        };
        String key = switch (p.key().spec()) {
            case KeySpec.Rsa rsa -> "RSA " + rsa.size();
            case KeySpec.Ec ec -> "EC " + ec.curve();
        };
        List<String> actions = p.lifetimeActions().stream().map(CertificatePage::action).toList();
        return new Policy(p.issuer().name(), p.x509().subject(), names, validity, key, p.key().exportable(), actions);
    }

    private static String action(LifetimeAction action) {
        String when = switch (action.trigger()) {
            case LifetimeTrigger.LifetimePercentage percentage -> "at " + percentage.percent() + "% of the lifetime";
            case LifetimeTrigger.DaysBeforeExpiry days -> days.days() + " days before expiry";
        };
        return action.type().wireName() + " " + when;
    }

    private static List<Entry> entries(List<AuditRecord> records) {
        return records.stream().map(r -> new Entry(Formats.time(r.at()), r.principal(), r.operation(), r.outcome(),
                r.details() == null ? "" : r.details())).toList();
    }

    static Response notFound() {
        return Response.status(404).type(MediaType.TEXT_PLAIN_TYPE).entity("No such certificate.").build();
    }

    private static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
