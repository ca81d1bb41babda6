-- Issue 12 item 1: guardrails on CA certificates, extended key usages and SAN types, and who set
-- a certificate's policy (the renewer checks again that this principal still holds create).

-- null: a row written before allow_ca existed, read as false (a vault with guardrails refuses CAs unless it allows them)
alter table vault_guardrails add column allow_ca boolean;
-- ["1.3.6.1.5.5.7.3.1", ...]: OIDs; null sets no rule
alter table vault_guardrails add column allowed_ekus jsonb
    constraint vault_guardrails_allowed_ekus check (allowed_ekus is null or jsonb_typeof(allowed_ekus) = 'array');
-- ["dns", "ip", "email", "upn"]: the SAN types a certificate may carry; null sets no rule
alter table vault_guardrails add column allowed_san_types jsonb
    constraint vault_guardrails_allowed_san_types check (allowed_san_types is null or jsonb_typeof(allowed_san_types) = 'array');

-- The principal (token subject and groups) whose request last set the policy; null for policies
-- set before renewd recorded it.
alter table certificate add column policy_set_by varchar(255);
alter table certificate add column policy_set_by_groups jsonb;
