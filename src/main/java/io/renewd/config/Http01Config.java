package io.renewd.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The plain-HTTP listener that answers ACME HTTP-01 validation requests
 * ({@code GET /.well-known/acme-challenge/{token}}) and nothing else: CAs validate over plain HTTP
 * on port 80, while the API is served over HTTPS only.
 */
@ConfigMapping(prefix = "renewd.acme.http01")
public interface Http01Config {

    /** Whether renewd listens for HTTP-01 validation requests at all (off: only other solvers can prove names). */
    @WithDefault("true")
    boolean enabled();

    /**
     * The listener's port. Not Quarkus' own plain-HTTP port (8080), so both can be on where plain
     * HTTP is served (the local run); in Kubernetes the Service maps port 80 to it. 0: any free port.
     */
    @WithDefault("8089")
    int port();

    /** The address the listener binds to (all interfaces by default, as a pod needs). */
    @WithDefault("0.0.0.0")
    String host();
}
