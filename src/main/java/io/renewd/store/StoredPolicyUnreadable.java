package io.renewd.store;

import io.renewd.runtime.PermanentFailure;

/**
 * A certificate's stored policy that renewd can no longer read: not JSON, or no longer valid under this release's rules. Reading
 * it again gives the same answer; only a person setting a new policy mends it.
 */
public class StoredPolicyUnreadable extends PermanentFailure {

    /** The failure code a renewal reports for it (operation's error code, {@code RenewalFailed} event). */
    public static final String CODE = "PolicyUnreadable";

    StoredPolicyUnreadable(String message, Throwable cause) {
        super(message, cause);
    }
}
