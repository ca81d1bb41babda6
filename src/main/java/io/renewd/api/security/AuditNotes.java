package io.renewd.api.security;

import jakarta.enterprise.context.RequestScoped;

import java.util.Optional;

/** What a resource tells the audit trail about its request beyond the rule: a more precise operation name, an object not in the path. */
@RequestScoped
public class AuditNotes {

    private String operation;
    private String object;

    /** Names the object (e.g. the certificate a restore brings, which the path does not name). */
    public void object(String name) {
        this.object = name;
    }

    public Optional<String> object() {
        return Optional.ofNullable(object);
    }

    /** Names the operation in the audit trail (e.g. {@code getSecretWithKey} when a private key left renewd). */
    public void operation(String name) {
        this.operation = name;
    }

    public Optional<String> operation() {
        return Optional.ofNullable(operation);
    }
}
