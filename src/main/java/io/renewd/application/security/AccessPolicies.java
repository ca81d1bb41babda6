package io.renewd.application.security;

import io.renewd.domain.security.AccessPolicy;
import io.renewd.domain.security.BuiltInRole;
import io.renewd.domain.security.Caller;
import io.renewd.domain.security.Permission;
import io.renewd.store.PgArrays;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** A vault's access policies, as stored in {@code vault_access_policy}. */
@ApplicationScoped
public class AccessPolicies {

    private final EntityManager entityManager;
    private final Clock clock;

    AccessPolicies(EntityManager entityManager, Clock clock) {
        this.entityManager = entityManager;
        this.clock = clock;
    }

    @Transactional
    @SuppressWarnings("unchecked")
    public List<AccessPolicy> of(String vault) {
        List<Object[]> rows = entityManager.createNativeQuery("""
                        select principal_kind, principal, array_to_string(permissions, ','), array_to_string(roles, ',')
                        from vault_access_policy where vault = ?1 order by principal_kind, principal""")
                .setParameter(1, vault).getResultList();
        return rows.stream().map(r -> new AccessPolicy(AccessPolicy.PrincipalKind.valueOf(((String) r[0]).toUpperCase()), (String) r[1],
                split((String) r[2]).stream().map(p -> Permission.fromWireName(p).orElseThrow()).collect(Collectors.toSet()),
                split((String) r[3]).stream().map(BuiltInRole::valueOf).collect(Collectors.toSet()))).toList();
    }

    /** The vaults where a policy names the caller or one of its groups (every policy grants something). */
    @Transactional
    @SuppressWarnings("unchecked")
    public Set<String> vaultsNaming(Caller caller) {
        List<String> vaults = entityManager.createNativeQuery("""
                        select distinct vault from vault_access_policy
                        where (principal_kind = 'user' and principal = ?1) or (principal_kind = 'group' and principal = any(cast(?2 as text[])))""")
                .setParameter(1, caller.subject()).setParameter(2, PgArrays.literal(List.copyOf(caller.groups()))).getResultList();
        return Set.copyOf(vaults);
    }

    public Optional<AccessPolicy> find(String vault, AccessPolicy.PrincipalKind kind, String principal) {
        return of(vault).stream().filter(p -> p.kind() == kind && p.principal().equals(principal)).findFirst();
    }

    /** Sets (replaces) one principal's policy in a vault. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void put(String vault, AccessPolicy policy) {
        entityManager.createNativeQuery("""
                        insert into vault_access_policy (vault, principal_kind, principal, permissions, roles, updated_at)
                        values (?1, ?2, ?3, string_to_array(?4, ','), string_to_array(?5, ','), ?6)
                        on conflict (vault, principal_kind, principal)
                        do update set permissions = excluded.permissions, roles = excluded.roles, updated_at = excluded.updated_at""")
                .setParameter(1, vault).setParameter(2, policy.kind().name().toLowerCase()).setParameter(3, policy.principal())
                .setParameter(4, policy.permissions().stream().map(Permission::wireName).sorted().collect(Collectors.joining(",")))
                .setParameter(5, policy.roles().stream().map(Enum::name).sorted().collect(Collectors.joining(",")))
                .setParameter(6, clock.instant()).executeUpdate();
    }

    /** Removes one principal's policy; false if there was none. */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean delete(String vault, AccessPolicy.PrincipalKind kind, String principal) {
        return entityManager.createNativeQuery("delete from vault_access_policy where vault = ?1 and principal_kind = ?2 and principal = ?3")
                .setParameter(1, vault).setParameter(2, kind.name().toLowerCase()).setParameter(3, principal).executeUpdate() == 1;
    }

    private static List<String> split(String joined) {
        return joined == null || joined.isEmpty() ? List.of() : Arrays.asList(joined.split(","));
    }
}
