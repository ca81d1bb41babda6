-- Issuers of any provider name (as Key Vault stores them), up to IssuerProvider.Unsupported.MAX_LENGTH characters.
alter table certificate_issuer alter column provider type varchar(128);
