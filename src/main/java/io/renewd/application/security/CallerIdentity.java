package io.renewd.application.security;

import io.quarkus.security.identity.SecurityIdentity;
import io.renewd.domain.security.Caller;
import jakarta.enterprise.context.RequestScoped;

import java.util.Set;

/** The caller of the current request, from its verified token (an API bearer token or a web sign-in): subject and groups. */
@RequestScoped
public class CallerIdentity {

    private final SecurityIdentity identity;

    CallerIdentity(SecurityIdentity identity) {
        this.identity = identity;
    }

    public Caller caller() {
        return identity.isAnonymous() ? new Caller("anonymous", Set.of()) : new Caller(identity.getPrincipal().getName(), identity.getRoles());
    }
}
