-- Whether the last failed attempt needs a person (not retryable): the notifier reads a failure's
-- facts from here, never from the event that points at it.
alter table certificate_operation
    add column person_must_act boolean not null default false;
