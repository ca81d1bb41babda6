-- An HTTP-01 answer is served only to requests for the name its authorization proves (the Host
-- header), so a token cannot prove another name routed to renewd. Challenges stored before this
-- column existed have no name: they are dropped (their orders fail validation and are ordered anew).
delete from acme_challenge;
alter table acme_challenge add column identifier varchar(253) not null;
