-- The web inventory's certificate page reads a certificate's latest audit entries.
create index audit_entry_vault_object on audit_entry (vault, lower(object), at desc);
-- Its table, sorted by name across vaults, walks live certificates in name order and stops at the page.
create index certificate_live_name on certificate (lower(name), vault) where deleted_at is null;
