-- Loads :n certificate versions into vault 'bench' with their due actions spread over a year
-- from now (nothing due yet): 1 AutoRenew at 80 %, 3 notices and the expiry per version, as
-- renewd computes them. Certificate bytes are placeholders: the scheduler never reads them.
\set ON_ERROR_STOP on
insert into vault (name, soft_delete_retention_days, purge_protection, created_at, updated_at)
values ('bench', 90, false, now(), now()) on conflict do nothing;

insert into certificate (vault, name, policy, policy_created_at, policy_updated_at, created_at)
select 'bench', 'c' || g,
       '{"key":{"kty":"EC","keySize":256,"crv":"P-256","exportable":true,"reuseKey":false},"contentType":"application/x-pkcs12","x509":{"subject":"CN=bench","sans":{"dnsNames":[],"emails":[],"upns":[],"ipAddresses":[]},"ekus":[],"keyUsage":["digitalSignature"],"validityMonths":12,"validity":null},"lifetimeActions":[{"lifetimePercentage":80,"daysBeforeExpiry":null,"actionType":"AutoRenew"}],"issuer":{"name":"Self","certificateType":null,"certificateTransparency":null},"enabled":true}',
       now(), now(), now()
from generate_series(1, :n) g;

-- Versions valid for a year, issued at random times over the past 280 days, so their due times
-- spread over the coming year and every AutoRenew (80 %, day 292) is still ahead.
insert into certificate_version (certificate_id, version, der, chain, x5t, serial_number, subject, not_before, not_after,
                                 public_key, private_key_sealed, exportable, enabled, tags, cause, created_at, updated_at)
select c.id, md5(c.id::text), '\x00', '\x', 'x5t', '00', 'CN=bench', nb, nb + interval '365 days',
       '\x00', '\x00', true, true, '{}', 'created', now(), now()
from (select id, now() - (random() * interval '280 days') - interval '1 day' as nb from certificate where vault = 'bench') c;

insert into due_action (certificate_id, version_id, kind, trigger, due_at, state)
select v.certificate_id, v.id, k.kind, k.trigger, v.not_before + (v.not_after - v.not_before) * k.share + k.shift, 'pending'
from certificate_version v
join certificate c on c.id = v.certificate_id and c.vault = 'bench'
cross join (values ('AutoRenew', 'lifetime_percentage:80', 0.8, interval '0'),
                   ('Notice', 'notice:P30D', 1.0, interval '-30 days'),
                   ('Notice', 'notice:P15D', 1.0, interval '-15 days'),
                   ('Notice', 'notice:P7D', 1.0, interval '-7 days'),
                   ('Expired', 'expired', 1.0, interval '0')) as k(kind, trigger, share, shift)
where v.not_before + (v.not_after - v.not_before) * k.share + k.shift > now() + interval '1 hour';

analyze vault, certificate, certificate_version, due_action;
