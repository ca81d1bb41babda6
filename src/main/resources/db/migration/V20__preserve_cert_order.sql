-- Key Vault 7.6's preserveCertOrder, as the last create or import of a certificate gave it (a merge follows its create's).
alter table certificate
    add column preserve_cert_order boolean not null default false;

-- The operation shows what its create asked for: preserveCertOrder and the issuer's cert_transparency (null: not given).
alter table certificate_operation
    add column preserve_cert_order boolean not null default false,
    add column cert_transparency   boolean;

-- With preserveCertOrder, the certificates of a PEM import or a merge in the order given (leaf included, concatenated
-- DER); null otherwise. chain stays leaf to root for everything that needs the issuer.
alter table certificate_version
    add column presented_chain bytea;
