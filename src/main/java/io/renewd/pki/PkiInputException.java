package io.renewd.pki;

/**
 * Input that renewd cannot accept as a key, certificate, CSR or container. The message names the problem for a person
 * and never carries key material or passwords, so the API layer can return it as it is with a 400.
 */
public final class PkiInputException extends RuntimeException {

    /** Why the input was refused, for callers that map reasons to error codes. */
    public enum Reason {
        MALFORMED,
        WRONG_PASSWORD,
        KEY_MISMATCH,
        UNSUPPORTED_KEY,
        WEAK_KEY,
        EXPIRED,
        NOT_YET_VALID,
        NO_CERTIFICATE,
        NO_PRIVATE_KEY,
        BAD_SIGNATURE,
        /** The certificates given do not form exactly one chain. */
        NOT_ONE_CHAIN,
        /** A certificate asked to sign others is not allowed to. */
        NOT_A_CA,
        /** A name of the certificate to sign is outside the signer's name constraints. */
        OUTSIDE_NAME_CONSTRAINTS
    }

    private final Reason reason;

    public PkiInputException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public PkiInputException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
