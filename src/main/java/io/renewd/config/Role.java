package io.renewd.config;

/** What a renewd process does; {@code renewd.roles} lists the roles of a process (all by default). */
public enum Role {
    /** The REST API (and the ACME HTTP-01 answers). */
    API,
    /** The sweep of due lifetime actions, the purge of deleted certificates past their retention, and the audit cleanup. */
    SCHEDULER,
    /** The outbox relay to Kafka. */
    RELAY,
    /** The consumer that mails the contacts, and the mail sender. */
    NOTIFIER,
    /** The consumer of AutoRenew actions, and the worker that obtains certificates from issuers. */
    RENEWER
}
