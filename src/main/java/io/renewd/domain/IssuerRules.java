package io.renewd.domain;

import io.renewd.domain.acme.AcmeCa;
import io.renewd.domain.acme.AcmeSolver;
import io.renewd.domain.bulk.ReissueSpread;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** Turns an {@link IssuerDraft} into a provider, naming the first problem found. */
public final class IssuerRules {

    /** More solvers than this is a mistake, not a configuration. */
    static final int MAX_SOLVERS = 20;

    /** An ACME profile's name as CAs list them (draft-ietf-acme-profiles: {@code shortlived}, {@code tlsserver}, {@code classic}). */
    private static final String PROFILE = "^[A-Za-z0-9._-]{1,64}$";

    private IssuerRules() {
    }

    public sealed interface Result {
        record Valid(IssuerProvider provider) implements Result {
        }

        record Invalid(Violation violation) implements Result {
        }
    }

    /** Checks with each named CA's public directory as its default. */
    public static Result check(String name, IssuerDraft draft) {
        return check(name, draft, AcmeCa::directory);
    }

    /**
     * @param directories the directory of an acme issuer of a named CA that sends no {@code acme.directory_url}: the CA's
     *                    public one, or the operator's override of it
     */
    public static Result check(String name, IssuerDraft draft, Function<AcmeCa, Optional<URI>> directories) {
        if (!Names.isValidObjectName(name)) {
            return invalid("issuer name '" + name + "' is not valid: " + Names.RULE);
        }
        if (name.equalsIgnoreCase(IssuerReference.SELF) || name.equalsIgnoreCase(IssuerReference.UNKNOWN)) {
            return invalid("issuer name '" + name + "' is reserved: Self and Unknown need no issuer object");
        }
        if (draft.provider() == null) {
            return invalid("provider is required: acme, ca, or one of " + AcmeCa.namedCas());
        }
        var credentials = draft.credentials();
        if (credentials != null && (credentials.accountId() == null) != (credentials.password() == null)) {
            return invalid("credentials need both account_id and pwd, or neither");
        }
        Optional<String> limitsProblem = draft.limits() == null ? Optional.empty() : draft.limits().problem();
        if (limitsProblem.isPresent()) {
            return invalid(limitsProblem.get());
        }
        if (draft.provider().equalsIgnoreCase(IssuerProvider.InternalCa.NAME)) {
            return ca(name, draft);
        }
        return AcmeCa.named(draft.provider()).map(ca -> acme(ca, draft, directories)).orElseGet(() -> unsupported(draft));
    }

    /** Any other provider is stored as Key Vault stores it; renewd's own members would be settings nothing reads. */
    private static Result unsupported(IssuerDraft draft) {
        String provider = draft.provider();
        if (provider.isBlank() || provider.length() > IssuerProvider.Unsupported.MAX_LENGTH
                || provider.chars().anyMatch(Character::isISOControl)) {
            return invalid("provider must be 1 to " + IssuerProvider.Unsupported.MAX_LENGTH + " characters without control characters");
        }
        if (draft.acme() != null || draft.ca() != null) {
            return invalid("provider '" + provider + "' takes no acme or ca member: they belong to providers acme, " + AcmeCa.namedCas()
                    + " and ca (renewd has no adapter for '" + provider + "')");
        }
        return new Result.Valid(new IssuerProvider.Unsupported(provider));
    }

    private static Result acme(AcmeCa ca, IssuerDraft draft, Function<AcmeCa, Optional<URI>> directories) {
        IssuerProvider.Acme acme = draft.acme() == null ? new IssuerProvider.Acme(null, null, null) : draft.acme();
        String sentDirectory = acme.directoryUrl() != null ? acme.directoryUrl()
                : ca == AcmeCa.ANY ? null : directories.apply(ca).map(URI::toString).orElse(null);
        if (sentDirectory == null) {
            return invalid("acme.directory_url is required for provider acme");
        }
        URI directory;
        try {
            directory = new URI(sentDirectory);
        } catch (URISyntaxException e) {
            return invalid("acme.directory_url '" + sentDirectory + "' is not a URL");
        }
        if (!"https".equalsIgnoreCase(directory.getScheme()) || directory.getHost() == null) {
            return invalid("acme.directory_url '" + sentDirectory + "' must be an https URL (RFC 8555 requires TLS)");
        }
        var sent = draft.credentials();
        if (ca.requiresEab() && sent == null) {
            return invalid("provider " + ca.providerName() + " needs External Account Binding: send credentials.account_id (the EAB "
                    + "key id) and credentials.pwd (the EAB HMAC key, base64url) from your " + ca.providerName() + " account");
        }
        if (ca == AcmeCa.LETS_ENCRYPT && sent != null) {
            return invalid("provider LetsEncrypt takes no credentials: Let's Encrypt does not use External Account Binding");
        }
        if (acme.contact() != null && !acme.contact().matches("^(mailto:)?[^@\\s]+@[^@\\s]+$")) {
            return invalid("acme.contact '" + acme.contact() + "' is not an email address");
        }
        var credentials = draft.credentials();
        if (credentials != null && credentials.password() != null && !isBase64Url(credentials.password())) {
            return invalid("credentials.pwd must be the External Account Binding HMAC key, base64url-encoded");
        }
        Optional<String> solverProblem = solverProblem(acme.solvers());
        if (solverProblem.isPresent()) {
            return invalid(solverProblem.get());
        }
        if (acme.profile() != null && !acme.profile().matches(PROFILE)) {
            return invalid("acme.profile '" + acme.profile() + "' is not a profile name (letters, digits, '.', '_', '-'; at most 64)");
        }
        return new Result.Valid(new IssuerProvider.Acme(directory.toString(), acme.contact(), acme.solvers(), acme.profile(), ca));
    }

    private static Optional<String> solverProblem(List<AcmeSolver> solvers) {
        if (solvers == null) {
            return Optional.empty();
        }
        if (solvers.size() > MAX_SOLVERS) {
            return Optional.of("acme.solvers has " + solvers.size() + " entries; at most " + MAX_SOLVERS);
        }
        for (int i = 0; i < solvers.size(); i++) {
            String at = "acme.solvers[" + i + "]";
            AcmeSolver solver = solvers.get(i);
            if (solver != null && solver.http01() != null && solver.dns01() != null) {
                return Optional.of(at + " names both http01 and dns01: give one method per entry");
            }
            if (solver == null || solver.method() == null) {
                return Optional.of(at + " names no method: give http01 or dns01");
            }
            if (solver.dns01() != null) {
                Optional<String> dns01Problem = Dns01Rules.problem(at + ".dns01", solver.dns01());
                if (dns01Problem.isPresent()) {
                    return dns01Problem;
                }
            }
            var selector = solver.selector();
            if (selector == null) {
                continue;
            }
            for (String name : selector.dnsNames() == null ? List.<String>of() : selector.dnsNames()) {
                if (!Names.isDnsName(name)) {
                    return Optional.of(at + ".selector.dns_names: '" + name + "' is not a DNS name");
                }
            }
            for (String zone : selector.dnsZones() == null ? List.<String>of() : selector.dnsZones()) {
                if (!Names.isDnsName(zone) || zone.startsWith("*.")) {
                    return Optional.of(at + ".selector.dns_zones: '" + zone + "' is not a DNS zone");
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Without {@code ca.certificate_name} the issuer signs with the vault's certificate of its own
     * name: Key Vault's clients (the Azure SDKs) can only send Key Vault's issuer members, so an
     * issuer {@code corp-ca} of provider {@code ca} made through them signs with certificate {@code corp-ca}.
     */
    private static Result ca(String name, IssuerDraft draft) {
        IssuerProvider.InternalCa sent = draft.ca() == null ? new IssuerProvider.InternalCa(null, null, null, null) : draft.ca();
        String certificate = sent.certificateName() == null ? name : sent.certificateName();
        if (!Names.isValidObjectName(certificate)) {
            return invalid("ca.certificate_name '" + certificate + "' is not a certificate name: " + Names.RULE);
        }
        boolean allowCa = sent.signsCas();
        Integer pathLength = sent.maxPathLength();
        if (allowCa && pathLength == null) {
            return invalid("ca.max_path_length is required with ca.allow_ca true: the pathLenConstraint of the CA certificates "
                    + "this issuer signs (0: they may sign end-entity certificates only)");
        }
        if (!allowCa && pathLength != null) {
            return invalid("ca.max_path_length is only for an issuer that may sign CA certificates (ca.allow_ca true)");
        }
        if (pathLength != null && (pathLength < 0 || pathLength > IssuerProvider.InternalCa.MAX_PATH_LENGTH)) {
            return invalid("ca.max_path_length " + pathLength + " is out of range: 0 to " + IssuerProvider.InternalCa.MAX_PATH_LENGTH);
        }
        IssuerProvider.Cascade cascade = sent.effectiveCascade();
        Optional<Duration> spread = spread(cascade.spread());
        if (spread.isEmpty()) {
            return invalid("ca.cascade.spread '" + cascade.spread() + "' is not an ISO-8601 duration between PT0S and "
                    + ReissueSpread.MAX + " (e.g. PT1H): the window over which a CA rotation's re-issues start");
        }
        return new Result.Valid(new IssuerProvider.InternalCa(certificate, allowCa, pathLength,
                new IssuerProvider.Cascade(cascade.enabled(), spread.get().toString())));
    }

    /** A spread as a bulk re-issue takes it, or empty when it is none. */
    private static Optional<Duration> spread(String text) {
        try {
            Duration spread = Duration.parse(text);
            return spread.isNegative() || spread.compareTo(ReissueSpread.MAX) > 0 ? Optional.empty() : Optional.of(spread);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static boolean isBase64Url(String text) {
        try {
            return !text.isEmpty() && Base64.getUrlDecoder().decode(text.replace("=", "")).length > 0;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static Result invalid(String message) {
        return new Result.Invalid(Violation.badParameter(message));
    }
}
