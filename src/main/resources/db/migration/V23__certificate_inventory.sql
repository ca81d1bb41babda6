-- The web inventory sorts and filters its table on a side table, certificate_inventory, one row per certificate with
-- what the table shows (the current version's expiry, the next pending due action, the operation's outcome and state),
-- so a page is one walk of one of its indexes that stops at the page.
--
-- Writers never update it: their statements only append the ids of the certificates they changed to
-- certificate_inventory_dirty (no unique constraint, no foreign key: such an insert never waits on a lock), and the
-- scheduler's refresher (RefreshInventory) recomputes those certificates' rows a moment later. Triggers that updated the
-- certificate's row instead made writers lock certificates in opposite orders (the renewer its operations first, the
-- API and renewal requests the certificate first, the sweep many certificates after its due actions): deadlocks; and
-- every version written or action fired rewrote the certificate's row (its policy) on the hot path.
create table certificate_inventory (
    certificate_id    bigint primary key references certificate (id) on delete cascade,
    vault             text                     not null,
    name_lower        text                     not null,
    name              text                     not null,
    issuer            text,
    issuer_lower      text,
    deleted           boolean                  not null,
    current_not_after timestamp with time zone,
    next_due_at       timestamp with time zone,
    next_due_kind     varchar(16),
    -- the next pending AutoRenew (the estate's timeline marks them)
    next_renew_at     timestamp with time zone,
    last_result       varchar(16),
    -- the operation's part of the certificate's state: waiting (for a person), failing, renewing; null: none of them
    operation_state   varchar(16),
    refreshed_at      timestamp with time zone not null
);

create table certificate_inventory_dirty (
    id             bigserial primary key,
    certificate_id bigint not null
);

-- The same rules as io.renewd.domain.inventory.CertificateState, but expiry (which depends on the time of the query).
create function certificate_operation_state(o certificate_operation) returns varchar language sql immutable as $$
    select case when o.status = 'inProgress' and (lower(o.issuer_name) = 'unknown' or o.person_must_act) then 'waiting'
                when o.status = 'failed' and o.person_must_act then 'waiting'
                when o.status = 'failed' or (o.status = 'inProgress' and o.error_code is not null) then 'failing'
                when o.status = 'inProgress' then 'renewing' end
$$;

-- Statement level: a statement that changes many rows (the sweep's, the scheduler's) appends each certificate once.
create function certificate_inventory_changed() returns trigger language plpgsql as $$
begin
    insert into certificate_inventory_dirty (certificate_id) select distinct certificate_id from changed;
    return null;
end $$;

create function certificate_inventory_certificate_changed() returns trigger language plpgsql as $$
begin
    insert into certificate_inventory_dirty (certificate_id) select distinct id from changed;
    return null;
end $$;

-- Updates of a certificate: only what the inventory shows of it (its name's case, its issuer, deleted or recovered),
-- not every write of its row.
create function certificate_inventory_certificate_updated() returns trigger language plpgsql as $$
begin
    insert into certificate_inventory_dirty (certificate_id)
    select n.id from new_rows n join old_rows o on o.id = n.id
    where n.name is distinct from o.name or n.vault is distinct from o.vault or n.deleted_at is distinct from o.deleted_at
       or n.policy -> 'issuer' ->> 'name' is distinct from o.policy -> 'issuer' ->> 'name';
    return null;
end $$;

create trigger certificate_inventory_inserted after insert on certificate referencing new table as changed
    for each statement execute function certificate_inventory_certificate_changed();
create trigger certificate_inventory_updated after update on certificate referencing old table as old_rows new table as new_rows
    for each statement execute function certificate_inventory_certificate_updated();
create trigger certificate_inventory_deleted after delete on certificate referencing old table as changed
    for each statement execute function certificate_inventory_certificate_changed();

-- A version's expiry never changes once written: its inserts and deletes are what moves the current one.
create trigger certificate_version_inventory_inserted after insert on certificate_version referencing new table as changed
    for each statement execute function certificate_inventory_changed();
create trigger certificate_version_inventory_deleted after delete on certificate_version referencing old table as changed
    for each statement execute function certificate_inventory_changed();

create trigger due_action_inventory_inserted after insert on due_action referencing new table as changed
    for each statement execute function certificate_inventory_changed();
create trigger due_action_inventory_updated after update on due_action referencing new table as changed
    for each statement execute function certificate_inventory_changed();
create trigger due_action_inventory_deleted after delete on due_action referencing old table as changed
    for each statement execute function certificate_inventory_changed();

-- Inserts and deletes of operations (one, or a bulk re-issue's many in one statement) at statement level, as above.
-- Updates per row with a WHEN clause: most of them (leases, attempts, the next attempt's time; the claim leases many
-- operations in one statement) change nothing the inventory shows, and the condition skips them without calling the
-- function or collecting transition tables (measured on PostgreSQL 15: a 1,000-row lease update costs the same as
-- without a trigger, against +60-100 % with a statement trigger comparing old and new rows; one-row updates cost the
-- same either way, within noise).
create trigger certificate_operation_inventory_inserted after insert on certificate_operation referencing new table as changed
    for each statement execute function certificate_inventory_changed();
create trigger certificate_operation_inventory_deleted after delete on certificate_operation referencing old table as changed
    for each statement execute function certificate_inventory_changed();

create function certificate_inventory_operation_updated() returns trigger language plpgsql as $$
begin
    insert into certificate_inventory_dirty (certificate_id) values (new.certificate_id);
    return null;
end $$;

create trigger certificate_operation_inventory_updated after update on certificate_operation
    for each row when (old.status is distinct from new.status or old.error_code is distinct from new.error_code
                       or old.person_must_act is distinct from new.person_must_act or old.issuer_name is distinct from new.issuer_name)
    execute function certificate_inventory_operation_updated();

-- The refresher's look-up of a certificate's next pending action (the sweep's index by due time alone would walk all).
create index due_action_certificate_pending on due_action (certificate_id, due_at, id) where state = 'pending';

-- Backfill: every certificate as the refresher would compute it.
insert into certificate_inventory (certificate_id, vault, name_lower, name, issuer, issuer_lower, deleted, current_not_after,
                                   next_due_at, next_due_kind, next_renew_at, last_result, operation_state, refreshed_at)
select c.id, c.vault, lower(c.name), c.name, c.policy -> 'issuer' ->> 'name', lower(c.policy -> 'issuer' ->> 'name'), c.deleted_at is not null,
       (select cv.not_after from certificate_version cv where cv.certificate_id = c.id order by cv.created_at desc, cv.id desc limit 1),
       d.due_at, d.kind,
       (select min(da.due_at) from due_action da where da.certificate_id = c.id and da.state = 'pending' and da.kind = 'AutoRenew'),
       o.status, certificate_operation_state(o), now()
from certificate c
left join lateral (select da.due_at, da.kind from due_action da where da.certificate_id = c.id and da.state = 'pending'
                   order by da.due_at, da.id limit 1) d on true
left join certificate_operation o on o.certificate_id = c.id;

-- One index per sort of the table, each ending in the vault and name ties, over live certificates; and the states that
-- need a person's or the renewer's attention, which are few.
create index certificate_inventory_vault on certificate_inventory (vault, name_lower) where not deleted;
create index certificate_inventory_name on certificate_inventory (name_lower, vault) where not deleted;
create index certificate_inventory_issuer on certificate_inventory (issuer_lower, vault, name_lower) where not deleted;
create index certificate_inventory_expires on certificate_inventory (current_not_after, vault, name_lower) where not deleted;
create index certificate_inventory_next_due on certificate_inventory (next_due_at, vault, name_lower) where not deleted;
create index certificate_inventory_result on certificate_inventory (last_result, vault, name_lower) where not deleted;
create index certificate_inventory_attention on certificate_inventory (operation_state) where not deleted and operation_state is not null;
