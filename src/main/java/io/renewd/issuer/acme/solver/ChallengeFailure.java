package io.renewd.issuer.acme.solver;

/**
 * A solver cannot present or confirm an answer: the order's attempt fails with this message
 * (after every solver has removed what it presented for the order).
 */
public final class ChallengeFailure extends RuntimeException {

    /** Whether a later attempt may succeed by itself, or a person must act. */
    public enum Kind {
        /** The server renewd writes to does not answer now: retried. */
        UNAVAILABLE,
        /** The solver's settings or the DNS set-up are wrong (a refused key, no zone, no propagation): a person must act. */
        MISCONFIGURED
    }

    private final Kind kind;

    public ChallengeFailure(Kind kind, String message) {
        super(message, null, false, false);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
