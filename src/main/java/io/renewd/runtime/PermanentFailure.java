package io.renewd.runtime;

import java.util.Optional;

/**
 * A failure that doing the same work again cannot mend (stored data that can no longer be read): work that meets one is
 * reported and set aside, not retried as after an outage, where the same work succeeds once the service is back.
 */
public abstract class PermanentFailure extends RuntimeException {

    protected PermanentFailure(String message, Throwable cause) {
        super(message, cause);
    }

    /** The permanent failure in {@code thrown} or its causes (frameworks wrap what a transaction threw), if any. */
    public static Optional<PermanentFailure> in(Throwable thrown) {
        for (Throwable t = thrown; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof PermanentFailure permanent) {
                return Optional.of(permanent);
            }
        }
        return Optional.empty();
    }
}
