-- Issuer settings are stored in the shape the API shows them (the acme and ca members, snake_case),
-- one record per provider for the API, the store and the issuers alike.
update certificate_issuer
set settings = jsonb_build_object('acme', jsonb_strip_nulls(jsonb_build_object(
        'directory_url', settings -> 'acme' -> 'directoryUrl',
        'contact', settings -> 'acme' -> 'contact')))
where provider = 'acme';

update certificate_issuer
set settings = jsonb_build_object('ca', jsonb_strip_nulls(jsonb_build_object(
        'certificate_name', settings -> 'ca' -> 'certificateName',
        'allow_ca', coalesce(settings -> 'ca' -> 'allowCa', 'false'::jsonb),
        'max_path_length', settings -> 'ca' -> 'maxPathLength')))
where provider = 'ca';
