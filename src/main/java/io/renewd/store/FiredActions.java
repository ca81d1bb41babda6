package io.renewd.store;

import io.renewd.domain.schedule.DueKind;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import org.hibernate.Session;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What the sweep fired, as the database knows it: a consumer checks an event against it, so an
 * event produced by anyone else (or naming another version) has no effect.
 */
@ApplicationScoped
public class FiredActions {

    /** A due action the sweep fired for a version. */
    public record Fired(DueKind kind, String trigger, boolean late) {
    }

    /** A version of a certificate, by the names an event gives. */
    public record VersionRef(String vault, String name, String version) {
    }

    /**
     * Which of the given versions had an action of a kind fired. A certificate is found by its case-insensitive name (the
     * index every name lookup uses): matching the name as written read every certificate of the vault at every poll.
     */
    static final String FIRED_OF = """
            select distinct u.vault, u.name, u.version
            from unnest(?::text[], ?::text[], ?::text[]) as u(vault, name, version)
            join certificate c on c.vault = u.vault and lower(c.name) = lower(u.name) and c.deleted_at is null
            join certificate_version v on v.certificate_id = c.id and v.version = u.version
            join due_action d on d.version_id = v.id
            where d.kind = ? and d.state = 'fired'""";

    private final EntityManager entityManager;

    FiredActions(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /** The fired action of {@code kind} for that version of a live certificate; with a trigger, only that trigger's. */
    @SuppressWarnings("unchecked")
    public Optional<Fired> find(String vault, String name, String version, DueKind kind, String trigger) {
        if (vault == null || name == null || version == null) {
            return Optional.empty();
        }
        List<Object[]> rows = entityManager.createNativeQuery("""
                        select d.trigger, coalesce(d.late, false) from due_action d
                        join certificate_version v on v.id = d.version_id
                        where d.certificate_id = (select id from certificate where %s and deleted_at is null) and v.version = ?3
                          and d.kind = ?4 and d.state = 'fired'
                        order by d.due_at desc""".formatted(CertificateEntity.BY_NAME))
                .setParameter(1, vault).setParameter(2, name).setParameter(3, version).setParameter(4, kind.wireName())
                .getResultList();
        return rows.stream().filter(r -> trigger == null || trigger.equals(r[0])).findFirst()
                .map(r -> new Fired(kind, (String) r[0], (Boolean) r[1]));
    }

    /** Of these versions, those of live certificates for which the sweep fired an action of {@code kind}; one query. */
    public Set<VersionRef> firedOf(Collection<VersionRef> versions, DueKind kind) {
        List<VersionRef> named = versions.stream().filter(v -> v.vault() != null && v.name() != null && v.version() != null).distinct().toList();
        if (named.isEmpty()) {
            return Set.of();
        }
        Set<VersionRef> fired = new HashSet<>();
        entityManager.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement select = connection.prepareStatement(FIRED_OF)) {
                select.setArray(1, connection.createArrayOf("text", named.stream().map(VersionRef::vault).toArray()));
                select.setArray(2, connection.createArrayOf("text", named.stream().map(VersionRef::name).toArray()));
                select.setArray(3, connection.createArrayOf("text", named.stream().map(VersionRef::version).toArray()));
                select.setString(4, kind.wireName());
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        fired.add(new VersionRef(rows.getString(1), rows.getString(2), rows.getString(3)));
                    }
                }
            }
        });
        return fired;
    }
}
