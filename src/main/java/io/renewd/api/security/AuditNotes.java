package io.renewd.api.security;

import jakarta.enterprise.context.RequestScoped;

import java.util.Optional;

/**
 * What a resource tells the audit trail about its request beyond the rule: a more precise operation name, an object not
 * in the path, a detail.
 */
@RequestScoped
public class AuditNotes {

    private String operation;
    private String object;
    private String details;

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

    /** A short, secret-free detail of what the request did (e.g. that a cancel came after its operation ended). */
    public void details(String text) {
        this.details = text;
    }

    public Optional<String> details() {
        return Optional.ofNullable(details);
    }
}
