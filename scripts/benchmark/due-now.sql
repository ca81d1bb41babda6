-- Makes the :kind action of :count versions fall due now (as if they had all been issued together), or in :after
-- (an interval, e.g. -v after='10 seconds') so that what this update itself sets off is done before they fall due.
\set ON_ERROR_STOP on
\if :{?after}
\else
\set after '-1 second'
\endif
update due_action set due_at = now() + interval :'after'
where id in (select d.id from due_action d join certificate c on c.id = d.certificate_id
             where c.vault = 'bench' and d.kind = :'kind' and d.state = 'pending' order by d.id limit :count);
