package io.renewd.domain;

/** One lifetime action of a policy: a trigger and what to do then. */
public record LifetimeAction(LifetimeTrigger trigger, ActionType type) {
}
