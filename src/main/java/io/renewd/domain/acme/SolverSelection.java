package io.renewd.domain.acme;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Picks the solver for one name, as cert-manager does: a selector listing the name exactly beats
 * one listing a zone that contains it, the longest such zone winning, which beats a solver
 * without selector; among equals the first listed wins. Solvers whose method cannot prove the
 * name (HTTP-01 and a wildcard) are not candidates.
 */
public final class SolverSelection {

    private static final int NOT_SELECTED = -1;
    private static final int EXACT_NAME = Integer.MAX_VALUE;

    private SolverSelection() {
    }

    /** The outcome for one name. */
    public sealed interface Choice {
        record Chosen(AcmeSolver solver) implements Choice {
        }

        record NoneApplies(String why) implements Choice {
        }
    }

    public static Choice choose(List<AcmeSolver> solvers, String identifier) {
        AcmeSolver best = null;
        int bestScore = NOT_SELECTED;
        boolean selectedButCannotProve = false;
        for (AcmeSolver solver : solvers) {
            int score = score(solver.selector(), identifier);
            if (score == NOT_SELECTED) {
                continue;
            }
            if (!solver.method().proves(identifier)) {
                selectedButCannotProve = true;
                continue;
            }
            if (score > bestScore) {
                best = solver;
                bestScore = score;
            }
        }
        if (best != null) {
            return new Choice.Chosen(best);
        }
        return new Choice.NoneApplies(selectedButCannotProve && identifier.startsWith("*.")
                ? "'" + identifier + "' is a wildcard: only a dns01 solver can prove it (RFC 8555), and no dns01 solver of the issuer selects it"
                : "no solver of the issuer selects '" + identifier + "' (check the solvers' selector.dns_names and selector.dns_zones)");
    }

    /** Why some of {@code names} cannot be proved with {@code solvers} (the first such name's reason); empty when all can. */
    public static Optional<String> refusal(List<AcmeSolver> solvers, List<String> names) {
        for (String name : names) {
            if (choose(solvers, name) instanceof Choice.NoneApplies(String why)) {
                return Optional.of(why);
            }
        }
        return Optional.empty();
    }

    private static int score(AcmeSolver.Selector selector, String identifier) {
        if (selector == null || (empty(selector.dnsNames()) && empty(selector.dnsZones()))) {
            return 0;
        }
        String name = normalize(identifier);
        if (!empty(selector.dnsNames()) && selector.dnsNames().stream().map(SolverSelection::normalize).anyMatch(name::equals)) {
            return EXACT_NAME;
        }
        String base = name.startsWith("*.") ? name.substring(2) : name;
        int best = NOT_SELECTED;
        for (String zone : empty(selector.dnsZones()) ? List.<String>of() : selector.dnsZones()) {
            String z = normalize(zone);
            if (base.equals(z) || base.endsWith("." + z)) {
                best = Math.max(best, 1 + z.split("\\.").length);
            }
        }
        return best;
    }

    private static boolean empty(List<String> list) {
        return list == null || list.isEmpty();
    }

    private static String normalize(String name) {
        String lower = name.strip().toLowerCase(Locale.ROOT);
        return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
    }
}
