package io.renewd.issuer;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** What an issuer answered for one call. */
public sealed interface IssueResult {

    /** The certificate, and the chain above it (leaf first excluded; may be empty). */
    record Issued(X509Certificate leaf, List<X509Certificate> chain) implements IssueResult {
        public Issued {
            chain = List.copyOf(chain);
        }
    }

    /**
     * Not finished yet (an ACME order being validated): call again after {@code retryAfter}
     * with {@code state}, which the renewer stores so that a restart resumes. {@code detail} says
     * what it waits for, for people (the operation's status_details).
     */
    record InProgress(String state, Duration retryAfter, String detail) implements IssueResult {
    }

    /**
     * The issuer refused or could not be reached.
     *
     * @param code          a short stable code (e.g. {@code IssuerUnavailable}, {@code RateLimited}, {@code Rejected})
     * @param message       what happened, for people; never secrets
     * @param retryable     whether trying again may succeed without a person acting
     * @param retryAfter    the issuer's own Retry-After, when it gave one
     */
    record Failed(String code, String message, boolean retryable, Optional<Duration> retryAfter) implements IssueResult {

        /** The code of a CA's rate limit (HTTP 429, ACME {@code rateLimited}): with a Retry-After it pauses the issuer. */
        public static final String RATE_LIMITED = "RateLimited";

        /** How long the issuer must be left alone: the CA's Retry-After of a rate limit. */
        public Optional<Duration> pause() {
            return RATE_LIMITED.equals(code) ? retryAfter : Optional.empty();
        }
    }
}
