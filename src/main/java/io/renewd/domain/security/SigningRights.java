package io.renewd.domain.security;

import io.renewd.domain.CertificatePolicy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Who may set a policy that makes renewd sign (DESIGN.md section 8): a policy naming a signing
 * issuer (neither {@code Self} nor {@code Unknown}) or keeping the key ({@code reuse_key}) needs
 * {@code create}, whichever operation writes it: import, policy update, restore (create has it
 * anyway). {@code import}, {@code update} or {@code restore} alone never cause anything to be signed.
 * The renewer checks again, before every attempt, that the principal who set the policy still may.
 */
public final class SigningRights {

    private SigningRights() {
    }

    /** Whether certificates renewd makes from this policy are signed by a vault issuer or keep the key. */
    public static boolean needsCreate(CertificatePolicy policy) {
        return policy.issuer().isNamed() || policy.key().reuseKey();
    }

    /**
     * Why {@code principal}, holding {@code granted} in {@code vault}, may not {@code action} (such as
     * "import a certificate") with {@code policy}; empty when it may.
     */
    public static Optional<String> refusal(String principal, Set<Permission> granted, String vault, CertificatePolicy policy, String action) {
        if (!needsCreate(policy) || granted.contains(Permission.CREATE)) {
            return Optional.empty();
        }
        List<String> what = new ArrayList<>();
        if (policy.issuer().isNamed()) {
            what.add("names signing issuer '" + policy.issuer().name() + "'");
        }
        if (policy.key().reuseKey()) {
            what.add("sets reuse_key true");
        }
        return Optional.of("principal '" + principal + "' may not " + action + " with a policy that " + String.join(" and ", what)
                + ": that needs certificate permission 'create' on vault '" + vault + "' as well (without it a policy may name "
                + "only issuer Self or Unknown, without reuse_key)");
    }
}
