-- Per-issuer limits, enforced by every replica's claim query: attempts at once (null: the deployment's default) and
-- new orders per hour (null: no limit).
alter table certificate_issuer
    add column max_concurrent      integer check (max_concurrent > 0),
    add column max_orders_per_hour integer check (max_orders_per_hour > 0),
    -- a CA's rate limit (429 + Retry-After) pauses the issuer: no replica claims its operations before then
    add column paused_until        timestamp with time zone,
    add column pause_reason        text;

-- New orders started with an issuer that limits them per hour: the durable count behind max_orders_per_hour.
-- Rows older than an hour are deleted by the claim that finds them.
create table issuer_order_start (
    vault       varchar(127)             not null,
    issuer_name varchar(127)             not null,
    started_at  timestamp with time zone not null
);

create index issuer_order_start_issuer on issuer_order_start (vault, issuer_name, started_at);
create index issuer_order_start_age on issuer_order_start (started_at);

-- The claim query counts the operations each issuer has leased (in flight or queued in a replica).
create index certificate_operation_leased on certificate_operation (lease_until) where lease_until is not null;
