-- Certificates of a vault: one row per name (live or soft-deleted), its versions, its
-- pending operation, plus the vault's contacts and issuers. Private keys and issuer
-- credentials are stored only sealed (AES-256-GCM envelope, see pki.EnvelopeEncryption).

create table certificate (
    id                   bigserial                primary key,
    vault                varchar(127)             not null references vault (name),
    name                 varchar(127)             not null,
    -- the policy in Key Vault's JSON form (key_props, secret_props, x509_props, lifetime_actions, issuer)
    policy               jsonb                    not null,
    policy_created_at    timestamp with time zone not null,
    policy_updated_at    timestamp with time zone not null,
    created_at           timestamp with time zone not null,
    -- soft delete: the name stays reserved until recovered or purged
    deleted_at           timestamp with time zone,
    scheduled_purge_at   timestamp with time zone,
    constraint certificate_name_unique unique (vault, name),
    constraint certificate_deleted_has_purge_date check ((deleted_at is null) = (scheduled_purge_at is null))
);

create index certificate_scheduled_purge on certificate (scheduled_purge_at) where deleted_at is not null;

create table certificate_version (
    id                 bigserial                primary key,
    certificate_id     bigint                   not null references certificate (id) on delete cascade,
    version            char(32)                 not null,
    -- DER of the certificate; chain: the DER of each chain certificate concatenated, leaf's issuer first
    der                bytea                    not null,
    chain              bytea                    not null,
    x5t                varchar(43)              not null,
    serial_number      varchar(64)              not null,
    subject            text                     not null,
    not_before         timestamp with time zone not null,
    not_after          timestamp with time zone not null,
    public_key         bytea                    not null,
    -- PKCS#8 private key, sealed; bound to vault/name/version as associated data
    private_key_sealed bytea                    not null,
    exportable         boolean                  not null,
    enabled            boolean                  not null default true,
    tags               jsonb                    not null default '{}',
    -- how this version came to be: created, imported, merged, renewed, restored
    cause              varchar(16)              not null,
    created_at         timestamp with time zone not null,
    updated_at         timestamp with time zone not null,
    constraint certificate_version_unique unique (certificate_id, version)
);

create index certificate_version_latest on certificate_version (certificate_id, created_at desc, id desc);

-- The create/renew in flight, or the last one finished (Key Vault keeps it readable until deleted).
create table certificate_operation (
    certificate_id         bigint                   primary key references certificate (id) on delete cascade,
    request_id             varchar(64)              not null,
    status                 varchar(16)              not null,
    status_details         text,
    issuer_name            varchar(127)             not null,
    certificate_type       varchar(64),
    csr                    bytea,
    public_key             bytea,
    private_key_sealed     bytea,
    cancellation_requested boolean                  not null default false,
    error_code             varchar(64),
    error_message          text,
    -- attributes and tags the create request asked for, applied to the version it makes
    requested_enabled      boolean                  not null default true,
    requested_tags         jsonb                    not null default '{}',
    created_at             timestamp with time zone not null,
    updated_at             timestamp with time zone not null,
    constraint certificate_operation_status check (status in ('inProgress', 'completed', 'failed', 'cancelled'))
);

create table vault_contact (
    vault    varchar(127) not null references vault (name) on delete cascade,
    position integer      not null,
    email    varchar(320) not null,
    name     varchar(256),
    phone    varchar(64),
    primary key (vault, position)
);

-- Whether contacts were ever set (an empty list set by PUT differs from "never set").
alter table vault add column contacts_set boolean not null default false;

create table certificate_issuer (
    vault               varchar(127)             not null references vault (name) on delete cascade,
    name                varchar(127)             not null,
    provider            varchar(32)              not null,
    -- provider settings: {"acme": {...}} or {"ca": {...}}; never secrets
    settings            jsonb                    not null default '{}',
    -- {"account_id": ..., "pwd": ...} sealed; bound to vault/issuer name
    credentials_sealed  bytea,
    org_details         jsonb,
    enabled             boolean                  not null default true,
    created_at          timestamp with time zone not null,
    updated_at          timestamp with time zone not null,
    primary key (vault, name)
);
