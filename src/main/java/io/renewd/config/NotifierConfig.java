package io.renewd.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;

/** The notifier: which mails go to the vault contacts, and how they are delivered. */
@ConfigMapping(prefix = "renewd.notifier")
public interface NotifierConfig {

    /** While a certificate keeps failing to renew, contacts hear about it at most this often... */
    @WithDefault("1d")
    Duration failureMailInterval();

    /** ...and in any case when this many days are left before it expires. */
    @WithDefault("7,3,1")
    List<Integer> failureMailDaysLeft();

    /**
     * Contacts hear that a certificate is being renewed automatically, and that it was renewed, at
     * most this often per certificate: only certificates that renew more often are held back (failures never are); 0 mails every one.
     */
    @WithDefault("1d")
    Duration renewalMailInterval();

    /** How often mails waiting in the mail outbox (new, or retried after an SMTP failure) are sent. */
    @WithDefault("10s")
    Duration sendInterval();

    /** The first delay before a mail the SMTP server refused is tried again; it doubles up to {@code max-retry-delay}. */
    @WithDefault("30s")
    Duration minRetryDelay();

    /** The longest delay between two tries of one mail. */
    @WithDefault("1h")
    Duration maxRetryDelay();

    /** Mails the mail sender sends per run, each in its own transaction, before it looks whether it is stopping. */
    @WithDefault("20")
    int batchSize();
}
