package io.renewd.application.inventory;

/**
 * Decides, run by run, whether the inventory refresh gives way to a sweep firing a burst: it does while the sweep is busy,
 * up to a number of runs in a row, so the table falls at most that many intervals further behind however long the burst.
 */
final class BurstDeferral {

    private final int maxInARow;
    private int inARow;

    BurstDeferral(int maxInARow) {
        this.maxInARow = maxInARow;
    }

    /** Whether this run waits: the sweep is busy and fewer than the bound of runs in a row waited. */
    synchronized boolean defer(boolean sweepBusy) {
        if (sweepBusy && inARow < maxInARow) {
            inARow++;
            return true;
        }
        inARow = 0;
        return false;
    }
}
