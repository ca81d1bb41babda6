package io.renewd.domain;

/** How to make the key of the next version. */
public record KeyProperties(KeySpec spec, boolean exportable, boolean reuseKey) {
}
