-- Entries past the audit retention are deleted by time; audit_entry is written in time order,
-- so a BRIN index finds them at almost no cost to the inserts.
create index audit_entry_at on audit_entry using brin (at);
