package io.renewd.api.security;

import jakarta.enterprise.context.RequestScoped;

import java.util.Optional;

/** What a resource tells the audit trail about its request beyond the rule: a more precise operation name. */
@RequestScoped
public class AuditNotes {

    private String operation;

    /** Names the operation in the audit trail (e.g. {@code getSecretWithKey} when a private key left renewd). */
    public void operation(String name) {
        this.operation = name;
    }

    public Optional<String> operation() {
        return Optional.ofNullable(operation);
    }
}
