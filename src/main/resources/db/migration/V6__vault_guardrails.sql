-- Guardrails of a vault (issue 6): what its certificates may be, checked when a policy is set,
-- a certificate is created, imported or merged, and before the renewer obtains one. At most one
-- row per vault; no row, or a null column, sets no rule. An empty JSON list allows nothing of
-- its kind (allowed_curves [] allows no EC key, allowed_dns_names [] no DNS name).
create table vault_guardrails (
    vault                varchar(127)             primary key references vault (name) on delete cascade,
    -- RSA keys must have at least this many bits
    min_rsa_key_size     integer,
    -- ["P-256", ...]: the curves EC keys may be on
    allowed_curves       jsonb,
    -- no certificate may live longer (notAfter - notBefore); when null, serverAuth certificates
    -- get the deployment's default (renewd.guardrails.server-auth-max-validity)
    max_validity_seconds bigint,
    -- ["Self", "Unknown", "<issuer name>", ...]
    allowed_issuers      jsonb,
    -- ["team-a.example.com", "*.team-a.example.com", "**.team-a.example.com", ...], lower case
    allowed_dns_names    jsonb,
    created_at           timestamp with time zone not null,
    updated_at           timestamp with time zone not null,
    constraint vault_guardrails_min_rsa_key_size check (min_rsa_key_size between 2048 and 16384),
    constraint vault_guardrails_max_validity check (max_validity_seconds between 300 and 3155760000),
    constraint vault_guardrails_allowed_curves check (allowed_curves is null or jsonb_typeof(allowed_curves) = 'array'),
    constraint vault_guardrails_allowed_issuers check (allowed_issuers is null
        or case when jsonb_typeof(allowed_issuers) = 'array' then jsonb_array_length(allowed_issuers) > 0 else false end),
    constraint vault_guardrails_allowed_dns_names check (allowed_dns_names is null or jsonb_typeof(allowed_dns_names) = 'array')
);
