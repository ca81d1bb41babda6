-- Loads :n leaves of a `ca` issuer into vault 'bench' (the vault, the CA certificate :'ca' and the issuer :'issuer' were made
-- through the API): certificates :'prefix'1 to :'prefix'N whose policy (EC P-256, reuse_key false, AutoRenew at 80 %) names
-- :'issuer', each with one current version signed, as far as renewd can tell, by the CA's current version: its stored chain
-- is that version's DER followed by the CA's own chain, which is what a signedBy or CA rotation selector compares. The leaf's
-- own bytes are placeholders: a re-issue makes the next key from the policy (reuse_key false) and never reads them.
-- The policy's setter is the CA's (the API caller that made it), so every attempt checks that principal's rights again,
-- as for leaves made through the API. Due actions as load.sql makes them, nothing due yet.
\set ON_ERROR_STOP on
insert into certificate (vault, name, policy, policy_created_at, policy_updated_at, created_at, policy_set_by, policy_set_by_groups)
select 'bench', :'prefix' || g,
       jsonb_set('{"key":{"kty":"EC","keySize":256,"crv":"P-256","exportable":true,"reuseKey":false},"contentType":"application/x-pkcs12","x509":{"subject":"CN=bench leaf","sans":{"dnsNames":[],"emails":[],"upns":[],"ipAddresses":[]},"ekus":[],"keyUsage":["digitalSignature"],"validityMonths":12,"validity":null},"lifetimeActions":[{"lifetimePercentage":80,"daysBeforeExpiry":null,"actionType":"AutoRenew"}],"issuer":{"name":null,"certificateType":null,"certificateTransparency":null},"enabled":true}',
                 '{issuer,name}', to_jsonb(:'issuer'::text)),
       now(), now(), now(), ca.policy_set_by, ca.policy_set_by_groups
from generate_series(1, :n) g
cross join (select policy_set_by, policy_set_by_groups from certificate where vault = 'bench' and name = :'ca') ca;

insert into certificate_version (certificate_id, version, der, chain, x5t, serial_number, subject, not_before, not_after,
                                 public_key, private_key_sealed, exportable, enabled, tags, cause, created_at, updated_at)
select c.id, md5(c.id::text), '\x00', signer.der || signer.chain, 'x5t', '00', 'CN=bench leaf', nb, nb + interval '365 days',
       '\x00', '\x00', true, true, '{}', 'created', now(), now()
from (select id, now() - (random() * interval '280 days') - interval '1 day' as nb
      from certificate where vault = 'bench' and name ~ ('^' || :'prefix' || '[0-9]+$')) c
cross join (select v.der, v.chain from certificate_version v join certificate ca on ca.id = v.certificate_id
            where ca.vault = 'bench' and ca.name = :'ca' order by v.created_at desc, v.id desc limit 1) signer;

insert into due_action (certificate_id, version_id, kind, trigger, due_at, state)
select v.certificate_id, v.id, k.kind, k.trigger, v.not_before + (v.not_after - v.not_before) * k.share + k.shift, 'pending'
from certificate_version v
join certificate c on c.id = v.certificate_id and c.vault = 'bench' and c.name ~ ('^' || :'prefix' || '[0-9]+$')
cross join (values ('AutoRenew', 'lifetime_percentage:80', 0.8, interval '0'),
                   ('Notice', 'notice:P30D', 1.0, interval '-30 days'),
                   ('Notice', 'notice:P15D', 1.0, interval '-15 days'),
                   ('Notice', 'notice:P7D', 1.0, interval '-7 days'),
                   ('Expired', 'expired', 1.0, interval '0')) as k(kind, trigger, share, shift)
where v.not_before + (v.not_after - v.not_before) * k.share + k.shift > now() + interval '1 hour';

analyze certificate, certificate_version, due_action;
