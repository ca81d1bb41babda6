package io.renewd.application.inventory;

/**
 * Decides, run by run, whether the inventory refresh gives way to a burst (the sweep firing more than a batch, the renewer
 * holding more operations than workers): it does while the burst lasts, up to a number of runs in a row, so the table falls
 * at most that many intervals further behind however long the burst.
 */
final class BurstDeferral {

    private final int maxInARow;
    private int inARow;

    BurstDeferral(int maxInARow) {
        this.maxInARow = maxInARow;
    }

    /** Whether this run waits: a burst is under way and fewer than the bound of runs in a row waited. */
    synchronized boolean defer(boolean burst) {
        if (burst && inARow < maxInARow) {
            inARow++;
            return true;
        }
        inARow = 0;
        return false;
    }
}
