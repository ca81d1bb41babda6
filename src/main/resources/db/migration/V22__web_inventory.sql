-- The web inventory's certificate page reads a certificate's latest audit entries.
create index audit_entry_vault_object on audit_entry (vault, lower(object), at desc);
