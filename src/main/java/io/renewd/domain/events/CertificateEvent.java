package io.renewd.domain.events;

import io.renewd.domain.VersionCause;

import java.time.Instant;

/** What renewd tells the world about a certificate version (DESIGN §4). */
public sealed interface CertificateEvent {

    String vault();

    String name();

    String version();

    Instant notBefore();

    Instant notAfter();

    /** Any new version: created, imported, merged or renewed. */
    record NewVersionCreated(String vault, String name, String version, Instant notBefore, Instant notAfter,
                             VersionCause cause, String issuer, String x5t) implements CertificateEvent {
    }

    /** A lifetime action or near-expiry notice fell due: {@code action} is EmailContacts, AutoRenew or Notice. */
    record NearExpiry(String vault, String name, String version, Instant notBefore, Instant notAfter,
                      String action, String trigger, long daysLeft, boolean late, String issuer) implements CertificateEvent {
    }

    /** A create or renewal attempt failed; {@code nextAttempt} is null when renewd will not retry by itself. */
    record RenewalFailed(String vault, String name, String version, Instant notBefore, Instant notAfter,
                         String errorCode, String errorMessage, int attempt, Instant nextAttempt, boolean personMustAct,
                         String issuer) implements CertificateEvent {
    }

    /** The current version expired. */
    record Expired(String vault, String name, String version, Instant notBefore, Instant notAfter, boolean late,
                   String issuer) implements CertificateEvent {
    }
}
