-- The web inventory sorts and filters its table on what a certificate's row holds, so a page is one walk of an index
-- that stops at the page: the current version's expiry, the next pending due action, the last operation's outcome and
-- what it asks of people. Triggers keep them (every writer: Hibernate's entities, the scheduler's and the sweep's bulk
-- statements, cascades), statement-level where writers change many rows at once, so a statement updates each
-- certificate once.
alter table certificate
    add column current_not_after timestamp with time zone,
    add column next_due_at       timestamp with time zone,
    add column next_due_kind     varchar(16),
    add column last_result       varchar(16),
    -- the operation's part of the certificate's state: waiting (for a person), failing, renewing; null: none of them
    add column operation_state   varchar(16);

create function certificate_refresh_expiry() returns trigger language plpgsql as $$
begin
    -- Driven by the changed certificates, each looked up by its index (however little the planner knows of the tables).
    update certificate c set current_not_after = latest.not_after
    from (select ch.certificate_id, v.not_after from (select distinct certificate_id from changed) ch
          left join lateral (select cv.not_after from certificate_version cv where cv.certificate_id = ch.certificate_id
                             order by cv.created_at desc, cv.id desc limit 1) v on true) latest
    where c.id = latest.certificate_id and c.current_not_after is distinct from latest.not_after;
    return null;
end $$;

create trigger certificate_version_inserted after insert on certificate_version referencing new table as changed
    for each statement execute function certificate_refresh_expiry();
create trigger certificate_version_updated after update on certificate_version referencing new table as changed
    for each statement execute function certificate_refresh_expiry();
create trigger certificate_version_deleted after delete on certificate_version referencing old table as changed
    for each statement execute function certificate_refresh_expiry();

create function certificate_refresh_next_due() returns trigger language plpgsql as $$
begin
    update certificate c set next_due_at = nearest.due_at, next_due_kind = nearest.kind
    from (select ch.certificate_id, d.due_at, d.kind from (select distinct certificate_id from changed) ch
          left join lateral (select da.due_at, da.kind from due_action da where da.certificate_id = ch.certificate_id and da.state = 'pending'
                             order by da.due_at, da.id limit 1) d on true) nearest
    where c.id = nearest.certificate_id
      and (c.next_due_at is distinct from nearest.due_at or c.next_due_kind is distinct from nearest.kind);
    return null;
end $$;

create trigger due_action_inserted after insert on due_action referencing new table as changed
    for each statement execute function certificate_refresh_next_due();
create trigger due_action_updated after update on due_action referencing new table as changed
    for each statement execute function certificate_refresh_next_due();
create trigger due_action_deleted after delete on due_action referencing old table as changed
    for each statement execute function certificate_refresh_next_due();

-- The same rules as io.renewd.domain.inventory.CertificateState, but expiry (which depends on the time of the query).
create function certificate_operation_state(o certificate_operation) returns varchar language sql immutable as $$
    select case when o.status = 'inProgress' and (lower(o.issuer_name) = 'unknown' or o.person_must_act) then 'waiting'
                when o.status = 'failed' and o.person_must_act then 'waiting'
                when o.status = 'failed' or (o.status = 'inProgress' and o.error_code is not null) then 'failing'
                when o.status = 'inProgress' then 'renewing' end
$$;

create function certificate_refresh_operation() returns trigger language plpgsql as $$
begin
    update certificate set last_result = new.status, operation_state = certificate_operation_state(new) where id = new.certificate_id;
    return null;
end $$;

-- Per row, and only when what the inventory shows changes (an operation's leases and attempts change it often).
create trigger certificate_operation_inserted after insert on certificate_operation
    for each row execute function certificate_refresh_operation();
create trigger certificate_operation_updated after update on certificate_operation
    for each row when (old.status is distinct from new.status or old.error_code is distinct from new.error_code
                       or old.person_must_act is distinct from new.person_must_act or old.issuer_name is distinct from new.issuer_name)
    execute function certificate_refresh_operation();

update certificate c set current_not_after = (select cv.not_after from certificate_version cv where cv.certificate_id = c.id
                                              order by cv.created_at desc, cv.id desc limit 1);
update certificate c set (next_due_at, next_due_kind) = (select d.due_at, d.kind from due_action d
                                                         where d.certificate_id = c.id and d.state = 'pending'
                                                         order by d.due_at, d.id limit 1);
update certificate c set last_result = o.status, operation_state = certificate_operation_state(o)
from certificate_operation o where o.certificate_id = c.id;

-- The triggers' look-up of a certificate's next pending action (the sweep's index by due time alone would walk all).
create index due_action_certificate_pending on due_action (certificate_id, due_at, id) where state = 'pending';

-- One index per sort of the table (the name's is V22's; the vault's is certificate_name_ci), and the states that need
-- a person's or the renewer's attention, which are few.
create index certificate_live_expires on certificate (current_not_after, vault, lower(name)) where deleted_at is null;
create index certificate_live_next_due on certificate (next_due_at, vault, lower(name)) where deleted_at is null;
create index certificate_live_issuer on certificate (lower(policy -> 'issuer' ->> 'name'), vault, lower(name)) where deleted_at is null;
-- How common each issuer is, so a filter on a common one walks the sort's index instead of sorting all its certificates.
create statistics certificate_issuer_frequency on (lower(policy -> 'issuer' ->> 'name')) from certificate;
create index certificate_live_result on certificate (last_result, vault, lower(name)) where deleted_at is null;
create index certificate_live_attention on certificate (operation_state) where deleted_at is null and operation_state is not null;
