-- Makes the :kind action of :count versions fall due now (as if they had all been issued together).
\set ON_ERROR_STOP on
update due_action set due_at = now() - interval '1 second'
where id in (select d.id from due_action d join certificate c on c.id = d.certificate_id
             where c.vault = 'bench' and d.kind = :'kind' and d.state = 'pending' order by d.id limit :count);
