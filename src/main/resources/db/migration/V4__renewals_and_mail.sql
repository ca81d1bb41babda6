-- Renewer: a pending operation with an issuer is worked on by whichever renewer claims it.
alter table certificate_operation
    -- the version this operation renews (AutoRenew); null for a create
    add column renews_version  varchar(32),
    add column attempts        integer                  not null default 0,
    -- when a renewer works on it next; null when nothing is left to do by itself
    add column next_attempt_at timestamp with time zone,
    -- a renewer holds it until then (a crashed renewer's lease runs out and another resumes)
    add column lease_owner     uuid,
    add column lease_until     timestamp with time zone,
    -- what the issuer needs to resume (an ACME order URL)
    add column issuer_state    text;

create index certificate_operation_next_attempt on certificate_operation (next_attempt_at) where next_attempt_at is not null;

-- Consumers' memory of the CloudEvents ids they acted on: a redelivered event does nothing twice.
create table consumed_event (
    consumer    varchar(32)              not null,
    event_id    uuid                     not null,
    consumed_at timestamp with time zone not null,
    primary key (consumer, event_id)
);

create index consumed_event_age on consumed_event (consumed_at);

-- Mails to send, written with the consumed event: an SMTP outage delays them, never loses them.
create table mail_outbox (
    id              bigserial                primary key,
    event_id        uuid                     not null,
    kind            varchar(32)              not null,
    vault           varchar(127)             not null,
    certificate     varchar(127)             not null,
    recipients      text[]                   not null,
    subject         text                     not null,
    text_body       text                     not null,
    html_body       text                     not null,
    created_at      timestamp with time zone not null,
    attempts        integer                  not null default 0,
    next_attempt_at timestamp with time zone,
    sent_at         timestamp with time zone,
    last_error      text
);

create index mail_outbox_pending on mail_outbox (next_attempt_at) where sent_at is null;

-- Escalation of renewal failures: when contacts last heard about a failing certificate, and
-- the smallest days-left threshold they were told about.
create table renewal_failure_notice (
    certificate_id bigint                   primary key references certificate (id) on delete cascade,
    last_sent_at   timestamp with time zone not null,
    last_threshold integer
);
