-- Who may do what in a vault: a user (the token's subject) or a group (the token's groups claim),
-- with Key Vault certificate permissions and built-in roles.
create table vault_access_policy (
    vault          varchar(127) not null references vault (name) on delete cascade,
    principal_kind varchar(8)   not null,
    principal      varchar(256) not null,
    permissions    text[]       not null default '{}',
    roles          text[]       not null default '{}',
    updated_at     timestamp with time zone not null,
    primary key (vault, principal_kind, principal),
    constraint vault_access_policy_kind check (principal_kind in ('user', 'group'))
);

-- Every API operation and every automatic action: who, what, when, outcome.
create table audit_entry (
    id         bigserial                primary key,
    at         timestamp with time zone not null,
    principal  varchar(256)             not null,
    vault      varchar(127),
    object     varchar(255),
    operation  varchar(64)              not null,
    outcome    varchar(32)              not null,
    status     integer,
    request_id varchar(128),
    details    text
);

create index audit_entry_vault_at on audit_entry (vault, at);
