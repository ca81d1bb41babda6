package io.renewd.api;

import io.renewd.application.vault.VaultNameCase;
import io.renewd.domain.Names;
import jakarta.ws.rs.container.ContainerRequestContext;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * Key Vault matches the fixed segments of its paths in any case (older Azure SDK builds send
 * {@code certificates/Issuers}): {@code /vaults/v/Certificates/web/Policy} is {@code /vaults/v/certificates/web/policy}.
 * Only segments in a fixed position are rewritten; names stay as sent (they are matched case-insensitively where they
 * are looked up, and a new certificate keeps the case it was created with), but for the vault's: a vault has one
 * spelling ({@link VaultNameCase}), so access policies, ids and every lookup see that one. Runs after {@link VaultHostRouting}.
 */
public class PathSegmentCase {

    private final VaultNameCase vaultNameCase;

    PathSegmentCase(VaultNameCase vaultNameCase) {
        this.vaultNameCase = vaultNameCase;
    }

    /** A fixed segment: its spelling, and whether it may only be the last segment (else a name could be taken for it). */
    private record Literal(String spelling, boolean last) {
    }

    private static final Map<String, String> COLLECTIONS = spellings("certificates", "deletedcertificates", "keys", "secrets",
            "accessPolicies", "guardrails", "audit", "reissues");
    /** After {@code certificates}: where a name would be, these fixed segments. */
    private static final Map<String, Literal> UNDER_CERTIFICATES = Map.of(
            "issuers", new Literal("issuers", false),
            "contacts", new Literal("contacts", true),
            "restore", new Literal("restore", true),
            "reissue", new Literal("reissue", true));
    /** After {@code certificates/{name}}. */
    private static final Map<String, Literal> OF_A_CERTIFICATE = Map.of(
            "create", new Literal("create", true),
            "import", new Literal("import", true),
            "versions", new Literal("versions", true),
            "policy", new Literal("policy", true),
            "pending", new Literal("pending", false),
            "backup", new Literal("backup", true));

    @ServerRequestFilter(preMatching = true, priority = 20)
    public void match(ContainerRequestContext request) {
        URI uri = request.getUriInfo().getRequestUri();
        String path = uri.getRawPath();
        if (path == null || !path.regionMatches(true, 0, "/vaults", 0, "/vaults".length())) {
            return;
        }
        String canonical = canonical(path, vaultNameCase::canonical);
        if (!canonical.equals(path)) {
            request.setRequestUri(URI.create(uri.getScheme() + "://" + uri.getRawAuthority() + canonical
                    + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery())));
        }
    }

    /** The path with its fixed segments spelled as renewd's routes spell them, and its vault as {@code vault} spells it. */
    static String canonical(String path, UnaryOperator<String> vault) {
        String[] s = path.split("/", -1);
        // s[0] is "" (the path starts with /), s[1] "vaults", s[2] the vault, s[3] a collection
        if (s.length < 2 || !s[1].equalsIgnoreCase("vaults")) {
            return path;
        }
        s[1] = "vaults";
        if (s.length > 2 && Names.isValidVaultName(s[2])) {
            s[2] = vault.apply(s[2]);
        }
        if (s.length < 4) {
            return String.join("/", s);
        }
        s[3] = COLLECTIONS.getOrDefault(s[3].toLowerCase(Locale.ROOT), s[3]);
        int last = s.length - 1;
        switch (s[3]) {
            case "certificates" -> {
                if (s.length > 4) {
                    Literal literal = UNDER_CERTIFICATES.get(s[4].toLowerCase(Locale.ROOT));
                    if (literal != null && (!literal.last() || last == 4)) {
                        s[4] = literal.spelling();
                    } else if (s.length > 5) {
                        Literal of = OF_A_CERTIFICATE.get(s[5].toLowerCase(Locale.ROOT));
                        if (of != null && (!of.last() || last == 5)) {
                            s[5] = of.spelling();
                        }
                        if (s[5].equals("pending") && last == 6 && s[6].equalsIgnoreCase("merge")) {
                            s[6] = "merge";
                        }
                    }
                }
            }
            case "deletedcertificates" -> {
                if (last == 5 && s[5].equalsIgnoreCase("recover")) {
                    s[5] = "recover";
                }
            }
            case "reissues" -> {
                if (last == 5 && s[5].equalsIgnoreCase("cancel")) {
                    s[5] = "cancel";
                }
            }
            default -> {
            }
        }
        return String.join("/", s);
    }

    private static Map<String, String> spellings(String... spellings) {
        return List.of(spellings).stream().collect(Collectors.toUnmodifiableMap(s -> s.toLowerCase(Locale.ROOT), Function.identity()));
    }
}
