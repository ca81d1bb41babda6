-- ACME Renewal Information (RFC 9773): for each version an acme issuer issued, the window the CA
-- suggests for its renewal, when renewd asked and when it asks again (the CA's Retry-After).
-- A row lives while its version is the current one; the AutoRenew due time comes from renew_at
-- when that is earlier than the policy's own trigger.
create table acme_renewal_info (
    version_id      bigint                   primary key references certificate_version (id) on delete cascade,
    certificate_id  bigint                   not null references certificate (id) on delete cascade,
    -- the issuer that ordered the version and the directory it ordered from
    issuer          varchar(127)             not null,
    directory_url   varchar(2048)            not null,
    -- RFC 9773 certID: base64url(authority key identifier) "." base64url(serial number)
    cert_id         varchar(512)             not null,
    window_start    timestamp with time zone,
    window_end      timestamp with time zone,
    explanation_url varchar(2048),
    -- the point in the window renewd picked at random (picked again only when the window changes)
    renew_at        timestamp with time zone,
    checked_at      timestamp with time zone,
    next_check_at   timestamp with time zone not null,
    -- why the last check failed; null after a good answer
    last_error      varchar(1024)
);

create index acme_renewal_info_next_check on acme_renewal_info (next_check_at);
create index acme_renewal_info_certificate on acme_renewal_info (certificate_id);
