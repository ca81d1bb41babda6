-- Bulk re-issue: one row per request, with its selector; each certificate it selected gets an
-- ordinary pending operation (certificate_operation.bulk_id) worked by the renewer. Progress is
-- counted from those operations, never kept by hand; when the last one ends the outcome is
-- written down (a certificate's operation row is reused by its next renewal, so the rows of an
-- ended bulk do not stay).
create table bulk_reissue (
    id               uuid                     primary key,
    vault            varchar(127)             not null references vault (name) on delete cascade,
    -- the selector as the API shows it: {"issuer": …} | {"signedBy": …} | {"serialNumbers": …} | …
    selector         jsonb                    not null,
    reason           text                     not null,
    status           varchar(16)              not null,
    -- how many certificates the selector chose when the request was made (a fact, not a counter)
    selected         integer                  not null,
    cancel_requested boolean                  not null default false,
    -- who asked: an API principal, or renewd itself (a CA rotation cascade)
    requested_by     text                     not null,
    -- a caller's key (e.g. the id of the event that triggered it): the same key starts nothing twice
    idempotency_key  varchar(200),
    created_at       timestamp with time zone not null,
    ended_at         timestamp with time zone,
    -- the outcome counted when the last operation ended
    done             integer,
    failed           integer,
    cancelled        integer,
    constraint bulk_reissue_status check (status in ('inProgress', 'completed', 'cancelled')),
    constraint bulk_reissue_idempotency unique (vault, idempotency_key)
);

-- Certificates the bulk could not re-issue: chosen but given no operation (one was already in
-- progress, or the policy's issuer is Unknown), and, once the bulk ended, those whose operation failed.
create table bulk_reissue_failure (
    bulk_id     uuid         not null references bulk_reissue (id) on delete cascade,
    certificate varchar(127) not null,
    code        varchar(64)  not null,
    message     text         not null,
    primary key (bulk_id, certificate)
);

-- A certificate's operation row is reused by the next request, which clears bulk_id.
alter table certificate_operation add column bulk_id uuid references bulk_reissue (id) on delete set null;

create index certificate_operation_bulk on certificate_operation (bulk_id, status) where bulk_id is not null;
