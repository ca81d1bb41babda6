-- State of the acme issuer (RFC 8555), in the database so that every replica shares it: the
-- ACME accounts renewd registered, the orders it placed, and the HTTP-01 answers any replica
-- must be able to serve while a CA validates.

-- One ACME account per vault, issuer and directory URL.
create table acme_account (
    vault              varchar(127)             not null references vault (name) on delete cascade,
    issuer             varchar(127)             not null,
    directory_url      varchar(2048)            not null,
    -- the account's location at the CA (its "kid")
    account_url        varchar(2048)            not null,
    -- EC P-256 account key: public key as X.509 SubjectPublicKeyInfo, private key as PKCS#8 sealed,
    -- bound to vault, issuer and directory URL as associated data
    public_key         bytea                    not null,
    private_key_sealed bytea                    not null,
    created_at         timestamp with time zone not null,
    primary key (vault, issuer, directory_url)
);

-- Orders renewd placed and may resume: a pending operation keeps the order URL as its resume
-- state. A failed order's row is deleted, so the next attempt places a new order.
create table acme_order (
    order_url   varchar(2048)            primary key,
    vault       varchar(127)             not null references vault (name) on delete cascade,
    certificate varchar(127)             not null,
    issuer      varchar(127)             not null,
    account_url varchar(2048)            not null,
    created_at  timestamp with time zone not null,
    -- the CA's expiry of the order; expired rows are purged
    expires_at  timestamp with time zone not null
);

create index acme_order_expiry on acme_order (expires_at);

-- HTTP-01 key authorizations served at /.well-known/acme-challenge/{token} until the
-- authorization is valid or invalid (then the row is deleted) or it expires. They are public by
-- design (the CA fetches them over plain HTTP): not secrets, but never logged.
create table acme_challenge (
    token             varchar(128)             primary key,
    key_authorization varchar(512)             not null,
    order_url         varchar(2048)            not null,
    expires_at        timestamp with time zone not null
);

create index acme_challenge_order on acme_challenge (order_url);
create index acme_challenge_expiry on acme_challenge (expires_at);
