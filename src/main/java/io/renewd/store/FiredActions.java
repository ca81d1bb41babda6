package io.renewd.store;

import io.renewd.domain.schedule.DueKind;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.util.List;
import java.util.Optional;

/**
 * What the sweep fired, as the database knows it: a consumer checks an event against it, so an
 * event produced by anyone else (or naming another version) has no effect.
 */
@ApplicationScoped
public class FiredActions {

    /** A due action the sweep fired for a version. */
    public record Fired(DueKind kind, String trigger, boolean late) {
    }

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
                        join certificate c on c.id = d.certificate_id
                        join certificate_version v on v.id = d.version_id
                        where c.vault = ?1 and c.name = ?2 and c.deleted_at is null and v.version = ?3
                          and d.kind = ?4 and d.state = 'fired'
                        order by d.due_at desc""")
                .setParameter(1, vault).setParameter(2, name).setParameter(3, version).setParameter(4, kind.wireName())
                .getResultList();
        return rows.stream().filter(r -> trigger == null || trigger.equals(r[0])).findFirst()
                .map(r -> new Fired(kind, (String) r[0], (Boolean) r[1]));
    }
}
