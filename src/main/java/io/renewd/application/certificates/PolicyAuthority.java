package io.renewd.application.certificates;

import io.renewd.application.Failure;
import io.renewd.application.security.CallerRights;
import io.renewd.domain.CertificatePolicy;
import io.renewd.domain.security.Caller;
import io.renewd.domain.security.SigningRights;
import io.renewd.store.CertificateEntity;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The one rule of {@link SigningRights} where policies are written (create, import, policy update,
 * restore) and where they are used (each renewal attempt): the principal who set a policy that
 * makes renewd sign must hold {@code create}, then and at every renewal.
 */
@ApplicationScoped
public class PolicyAuthority {

    private final CallerRights rights;

    PolicyAuthority(CallerRights rights) {
        this.rights = rights;
    }

    /** Refuses (403) {@code caller} writing {@code policy} by {@code action} ("import a certificate", …) without the rights it needs. */
    public void requireMaySet(String vault, Caller caller, CertificatePolicy policy, String action) {
        if (!SigningRights.needsCreate(policy)) {
            return;
        }
        SigningRights.refusal(caller.subject(), rights.in(vault, caller), vault, policy, action).ifPresent(why -> {
            throw new Failure(Failure.Kind.FORBIDDEN, "Forbidden", why);
        });
    }

    /** Records who set the certificate's policy, for the renewer to judge again. */
    public static void recordSetter(CertificateEntity certificate, Caller caller) {
        certificate.policySetBy = caller.subject();
        certificate.policySetByGroups = List.copyOf(caller.groups());
    }

    /**
     * Why a renewal must not go on: the policy makes renewd sign and whoever set it no longer holds {@code create} in the
     * vault. Policies set before renewd recorded their setter are judged by the rights checked when they were set.
     */
    public Optional<String> refusalAtRenewal(CertificateEntity certificate, CertificatePolicy policy) {
        if (!SigningRights.needsCreate(policy) || certificate.policySetBy == null) {
            return Optional.empty();
        }
        Caller setter = new Caller(certificate.policySetBy, certificate.policySetByGroups == null ? null : Set.copyOf(certificate.policySetByGroups));
        return SigningRights.refusal(setter.subject(), rights.in(certificate.vault, setter), certificate.vault, policy,
                "have certificate '" + certificate.name + "' renewed (it set its policy)");
    }
}
