-- DNS-01 over RFC 2136 (issue 13). The TSIG secrets of an issuer's dns01 solvers are sealed like its
-- credentials, never in the settings JSON: one sealed JSON list, one entry per solver (null: none).
alter table certificate_issuer add column solver_secrets_sealed bytea;

-- Each _acme-challenge TXT value renewd added, until it is removed again: removal is asked for once
-- the order is settled (or the record has outlived its order) and retried while the DNS server
-- does not answer. A row carries what removal needs (server, zone, TSIG key, the secret sealed),
-- so it does not depend on the issuer still existing or being unchanged.
create table acme_dns_record (
    id                 bigserial                primary key,
    order_url          varchar(2048)            not null,
    fqdn               varchar(255)             not null,
    txt_value          varchar(255)             not null,
    zone               varchar(255)             not null,
    nameserver         varchar(300)             not null,
    tsig_key_name      varchar(255)             not null,
    tsig_algorithm     varchar(32)              not null,
    tsig_secret_sealed bytea                    not null,
    added_at           timestamp with time zone not null,
    expires_at         timestamp with time zone not null,
    confirmed          boolean                  not null default false,
    remove             boolean                  not null default false,
    last_error         varchar(1000),
    unique (order_url, fqdn, txt_value)
);

create index acme_dns_record_order on acme_dns_record (order_url);
