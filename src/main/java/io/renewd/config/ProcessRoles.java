package io.renewd.config;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.EnumSet;
import java.util.Set;

/**
 * Which roles this process runs ({@code renewd.roles}, comma-separated: api, scheduler, relay,
 * notifier, renewer; all by default), so one process runs everything and a cluster can scale
 * each role on its own.
 */
@ApplicationScoped
public class ProcessRoles {

    public static final String PROPERTY = "renewd.roles";
    public static final String ALL = "api,scheduler,relay,notifier,renewer";

    private final Set<Role> roles;

    ProcessRoles(@ConfigProperty(name = PROPERTY, defaultValue = ALL) Set<Role> roles) {
        this.roles = roles.isEmpty() ? EnumSet.noneOf(Role.class) : EnumSet.copyOf(roles);
    }

    void started(@Observes StartupEvent started) {
        Logger.getLogger(ProcessRoles.class).infof("renewd runs the roles %s (%s)", roles, PROPERTY);
    }

    public boolean runs(Role role) {
        return roles.contains(role);
    }
}
