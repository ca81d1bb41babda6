-- The notifier looks up when a certificate's last mail of a kind was queued (routine renewal
-- mails go at most once per renewd.notifier.renewal-mail-interval): an index, as the outbox keeps every mail.
create index mail_outbox_certificate on mail_outbox (vault, certificate, kind, created_at);
