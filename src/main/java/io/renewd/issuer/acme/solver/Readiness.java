package io.renewd.issuer.acme.solver;

/** Whether the CA can see a presented answer yet. */
public sealed interface Readiness {

    Readiness READY = new Ready();

    record Ready() implements Readiness {
    }

    /** Not yet: {@code why} goes to the operation's status_details. */
    record Waiting(String why) implements Readiness {
    }
}
