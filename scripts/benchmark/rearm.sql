-- Makes the fired :kind actions due again now, so a warm-up fires the same :count events once more.
\set ON_ERROR_STOP on
update due_action set state = 'pending', late = false, settled_at = null, due_at = now() - interval '1 second'
where id in (select d.id from due_action d join certificate c on c.id = d.certificate_id
             where c.vault = 'bench' and d.kind = :'kind' and d.state = 'fired' order by d.id limit :count);
