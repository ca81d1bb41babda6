package io.renewd.domain.bulk;

import java.time.Duration;

/** How far the first attempts of a bulk re-issue may be spread: the one limit the API and a CA issuer's cascade share. */
public final class ReissueSpread {

    /** Longest spread of first attempts. */
    public static final Duration MAX = Duration.ofDays(7);

    private ReissueSpread() {
    }
}
