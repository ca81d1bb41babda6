package io.renewd.application.renewal;

/** A pending operation with an issuer is ready for the renewer (fired in the transaction that made it; observed after commit). */
public record RenewalRequested(String vault, String name) {
}
