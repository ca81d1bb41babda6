-- What falls due for each certificate version, computed when the version or policy is
-- written; the sweep reads only rows with state 'pending' and due_at <= now.
create table due_action (
    id             bigserial                primary key,
    certificate_id bigint                   not null references certificate (id) on delete cascade,
    version_id     bigint                   not null references certificate_version (id) on delete cascade,
    kind           varchar(16)              not null,
    -- stable label of the trigger, unique per version: lifetime_percentage:80, notice:P30D, expired, ...
    trigger        varchar(64)              not null,
    due_at         timestamp with time zone not null,
    -- pending, fired, skipped (an older overdue notice), cancelled (a newer version, disabled or deleted)
    state          varchar(16)              not null default 'pending',
    settled_at     timestamp with time zone,
    late           boolean,
    constraint due_action_unique unique (version_id, kind, trigger),
    constraint due_action_state check (state in ('pending', 'fired', 'skipped', 'cancelled'))
);

create index due_action_pending_due on due_action (due_at) where state = 'pending';
create index due_action_certificate on due_action (certificate_id);

-- Transactional outbox. The first six columns are Debezium's outbox columns, so a site can
-- replace renewd's relay with Debezium CDC (route by aggregatetype: it holds the topic).
create table outbox (
    id            uuid                     primary key,
    aggregatetype varchar(255)             not null,
    aggregateid   varchar(255)             not null,
    type          varchar(255)             not null,
    timestamp     timestamp with time zone not null,
    payload       jsonb                    not null,
    -- renewd's relay: publication order and state
    seq           bigserial                not null,
    published_at  timestamp with time zone
);

create index outbox_unpublished on outbox (seq) where published_at is null;
create index outbox_published on outbox (published_at) where published_at is not null;
