-- A key's exportable: false belongs to the key for its whole life, not to one policy version.

-- Whether the key a pending operation waits with may be exported (decided when it was made or chosen for reuse).
alter table certificate_operation add column key_exportable boolean not null default true;

-- Versions that reused a key an earlier version held non-exportable (possible before this rule) lose the export.
update certificate_version v set exportable = false
where v.exportable and exists (select 1 from certificate_version o
                               where o.certificate_id = v.certificate_id and o.public_key = v.public_key and not o.exportable);

-- A vault name is not a vault: a vault deleted and created again under the same name is another one,
-- and the audit trail of each shows only its own entries.
alter table vault add column incarnation uuid not null default gen_random_uuid();
alter table audit_entry add column vault_incarnation uuid;
update audit_entry a set vault_incarnation = v.incarnation from vault v where a.vault = v.name and a.at >= v.created_at;
