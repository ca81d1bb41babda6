package io.renewd.application.bulk;

import io.renewd.domain.bulk.ReissueSelector;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.hibernate.Session;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Chooses a bulk re-issue's certificates and opens their pending operations in one statement,
 * whatever their number: only the current, enabled version of a live certificate of that vault
 * counts. A certificate whose operation is already in progress, or whose policy's issuer is
 * Unknown, gets no operation but a refusal row. Keys and CSRs are made later, at each
 * operation's first attempt; first attempts are spread evenly over {@code spread}.
 */
@ApplicationScoped
class SelectCertificates {

    /** Certificates given an operation, and those refused one. */
    record Selection(int opened, int refused) {
        int selected() {
            return opened + refused;
        }
    }

    static final String OPERATION_IN_PROGRESS = "OperationInProgress";
    static final String NO_ISSUER = "NoIssuer";

    private static final String SQL = """
            with latest as (
                select distinct on (v.certificate_id) v.certificate_id, v.version, v.enabled, v.tags, v.serial_number, v.x5t, v.not_after, v.chain
                from certificate_version v join certificate c on c.id = v.certificate_id
                where c.vault = ? and c.deleted_at is null
                order by v.certificate_id, v.created_at desc, v.id desc
            ), chosen as (
                select c.id, c.name, c.policy -> 'issuer' ->> 'name' as issuer, c.policy -> 'issuer' ->> 'certificateType' as cty,
                       l.version, l.tags, row_number() over (order by c.name) - 1 as n, count(*) over () as total
                from certificate c join latest l on l.certificate_id = c.id
                where c.vault = ? and l.enabled and (%s)
            ), opened as (
                insert into certificate_operation as o (certificate_id, request_id, status, status_details, issuer_name, certificate_type,
                    csr, public_key, private_key_sealed, key_exportable, cancellation_requested, error_code, error_message, person_must_act,
                    requested_enabled, requested_tags, renews_version, attempts, next_attempt_at, lease_owner, lease_until, issuer_state,
                    bulk_id, created_at, updated_at)
                select id, replace(gen_random_uuid()::text, '-', ''), 'inProgress',
                       'bulk re-issue ' || ?::text || ' of version ' || version || ' through issuer ''' || issuer || '''',
                       issuer, cty, null, null, null, true, false, null, null, false, true, tags, version, 0,
                       ?::timestamptz + (?::bigint * n / total) * interval '1 millisecond', null, null, null, ?::uuid, ?::timestamptz, ?::timestamptz
                from chosen where issuer <> 'Unknown'
                on conflict (certificate_id) do update set request_id = excluded.request_id, status = excluded.status,
                    status_details = excluded.status_details, issuer_name = excluded.issuer_name, certificate_type = excluded.certificate_type,
                    csr = null, public_key = null, private_key_sealed = null, key_exportable = true, cancellation_requested = false,
                    error_code = null, error_message = null, person_must_act = false, requested_enabled = true,
                    requested_tags = excluded.requested_tags, renews_version = excluded.renews_version, attempts = 0,
                    next_attempt_at = excluded.next_attempt_at, lease_owner = null, lease_until = null, issuer_state = null,
                    bulk_id = excluded.bulk_id, created_at = excluded.created_at, updated_at = excluded.updated_at
                where o.status <> 'inProgress'
                returning o.certificate_id
            ), refused as (
                insert into bulk_reissue_failure (bulk_id, certificate, code, message)
                select ?::uuid, name,
                       case when issuer = 'Unknown' then 'NoIssuer' else 'OperationInProgress' end,
                       case when issuer = 'Unknown' then 'the policy''s issuer is Unknown: renewd cannot re-issue it (create a CSR and merge instead)'
                            else 'another operation of the certificate was in progress: it was not re-issued' end
                from chosen where id not in (select certificate_id from opened)
                returning 1
            )
            select (select count(*) from opened), (select count(*) from refused)""";

    private final EntityManager entityManager;

    SelectCertificates(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    Selection execute(UUID bulk, String vault, ReissueSelector selector, Duration spread, Instant now) {
        Selection[] result = new Selection[1];
        entityManager.flush();
        entityManager.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(SQL.formatted(predicate(selector)))) {
                List<Object> parameters = new ArrayList<>(List.of(vault, vault));
                switch (selector) {
                    case ReissueSelector.Issuer s -> parameters.add(s.name());
                    case ReissueSelector.SignedBy s -> {
                        parameters.add(s.certificate());
                        parameters.add(s.version().orElse(null));
                        parameters.add(s.version().orElse(null));
                    }
                    case ReissueSelector.CaRotation s -> {
                        parameters.add(s.certificate());
                        parameters.add(s.previousVersion());
                        parameters.add(s.previousVersion());
                        parameters.add(connection.createArrayOf("text", s.issuers().toArray()));
                    }
                    case ReissueSelector.SerialNumbers s -> parameters.add(connection.createArrayOf("text", s.serials().toArray()));
                    case ReissueSelector.Thumbprints s -> parameters.add(connection.createArrayOf("text", s.x5ts().toArray()));
                    case ReissueSelector.ExpiringBefore s -> parameters.add(OffsetDateTime.ofInstant(s.time(), ZoneOffset.UTC));
                }
                OffsetDateTime at = OffsetDateTime.ofInstant(now, ZoneOffset.UTC);
                parameters.addAll(List.of(bulk.toString(), at, spread.toMillis(), bulk.toString(), at, at, bulk.toString()));
                for (int i = 0; i < parameters.size(); i++) {
                    statement.setObject(i + 1, parameters.get(i));
                }
                try (ResultSet rows = statement.executeQuery()) {
                    rows.next();
                    result[0] = new Selection(rows.getInt(1), rows.getInt(2));
                }
            }
        });
        return result[0];
    }

    // The chain stored with a version starts with the certificate that signed it (the CA's exact DER).
    private static final String SIGNED_BY = """
            exists (select 1 from certificate ca join certificate_version cv on cv.certificate_id = ca.id
                    where ca.vault = c.vault and lower(ca.name) = lower(?) and ca.id <> c.id and (?::text is null or cv.version = ?::text)
                      and length(l.chain) >= length(cv.der) and substring(l.chain from 1 for length(cv.der)) = cv.der)""";

    /** The selector as SQL over {@code c} (certificate) and {@code l} (its current version). */
    private static String predicate(ReissueSelector selector) {
        return switch (selector) {
            case ReissueSelector.Issuer s -> "lower(c.policy -> 'issuer' ->> 'name') = lower(?)";
            case ReissueSelector.SignedBy s -> SIGNED_BY;
            case ReissueSelector.CaRotation s -> SIGNED_BY + " and lower(c.policy -> 'issuer' ->> 'name') = any(?::text[])";
            case ReissueSelector.SerialNumbers s -> "coalesce(nullif(ltrim(l.serial_number, '0'), ''), '0') = any(?::text[])";
            case ReissueSelector.Thumbprints s -> "l.x5t = any(?::text[])";
            case ReissueSelector.ExpiringBefore s -> "l.not_after < ?::timestamptz";
        };
    }
}
