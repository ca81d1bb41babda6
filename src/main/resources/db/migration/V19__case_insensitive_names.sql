-- Certificate and issuer names are case-insensitive, as in Key Vault: 'Web' and 'web' are one certificate of a vault
-- (live or deleted), and one issuer. The unique indexes on lower(name) hold that when two replicas race to create
-- both spellings: one insert fails and its request changed nothing.
--
-- Rows that already differ only in case (possible before this version) cannot be merged here: each has its own
-- versions, operations and history, and private keys and issuer credentials are sealed bound to the name as spelled.
-- The migration then stops, names them and changes nothing; renewd does not start. With the previous renewd,
-- delete and purge (or, for issuers, delete) every spelling but one, then upgrade again.
do $$
declare
    clashes text;
begin
    select string_agg(format('certificate %s/{%s}', vault, names), '; ') into clashes
    from (select vault, string_agg(name, ', ' order by name) as names from certificate
          group by vault, lower(name) having count(*) > 1) c;
    select concat_ws('; ', clashes, string_agg(format('issuer %s/{%s}', vault, names), '; ')) into clashes
    from (select vault, string_agg(name, ', ' order by name) as names from certificate_issuer
          group by vault, lower(name) having count(*) > 1) i;
    if clashes <> '' then
        raise exception 'names that differ only in case (renewd now treats them as one name): %; keep one spelling of each '
            '(delete and purge the others with the previous renewd), then upgrade', clashes;
    end if;
end
$$;

create unique index certificate_name_ci on certificate (vault, lower(name));
-- superseded by certificate_name_ci
alter table certificate drop constraint certificate_name_unique;

create unique index certificate_issuer_name_ci on certificate_issuer (vault, lower(name));
