-- A vault is a namespace of certificates (one team or application), with its soft-delete rules.
create table vault (
    name                       varchar(127)             primary key,
    soft_delete_retention_days integer                  not null default 90,
    purge_protection           boolean                  not null default false,
    created_at                 timestamp with time zone not null,
    updated_at                 timestamp with time zone not null,
    constraint vault_retention_days_range check (soft_delete_retention_days between 7 and 90)
);
