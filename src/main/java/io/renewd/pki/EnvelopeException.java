package io.renewd.pki;

/**
 * Sealed data that cannot be opened: altered, bound to other associated data, or sealed under a key-encryption key
 * this deployment does not have. Unlike {@link PkiInputException} this is a server-side fault, not bad client input.
 */
public final class EnvelopeException extends RuntimeException {

    public EnvelopeException(String message) {
        super(message);
    }

    public EnvelopeException(String message, Throwable cause) {
        super(message, cause);
    }
}
