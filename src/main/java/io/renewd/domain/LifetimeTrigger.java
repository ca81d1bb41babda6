package io.renewd.domain;

/** When a lifetime action falls due: at a percentage of the lifetime, or some days before expiry. */
public sealed interface LifetimeTrigger {

    record LifetimePercentage(int percent) implements LifetimeTrigger {
    }

    record DaysBeforeExpiry(int days) implements LifetimeTrigger {
    }
}
