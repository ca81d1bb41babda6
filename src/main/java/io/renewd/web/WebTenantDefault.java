package io.renewd.web;

import io.smallrye.config.ConfigSourceInterceptor;
import io.smallrye.config.ConfigSourceInterceptorContext;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.Priorities;
import jakarta.annotation.Priority;

/**
 * The web inventory's tenant is on when its client is configured ({@value #CLIENT_ID}), so an operator who gives renewd
 * the client has the inventory without a second switch; {@value #ENABLED} set explicitly (any profile, any source but
 * the defaults) still decides.
 */
@Priority(Priorities.APPLICATION)
public class WebTenantDefault implements ConfigSourceInterceptor {

    static final String ENABLED = "quarkus.oidc.web.tenant-enabled";
    static final String CLIENT_ID = "quarkus.oidc.web.client-id";

    /** Below this ordinal a value is a default (Quarkus OIDC's own: true), not anyone's setting. */
    private static final int SET_BY_SOMEONE = 100;

    @Override
    public ConfigValue getValue(ConfigSourceInterceptorContext context, String name) {
        ConfigValue value = context.proceed(name);
        if (!ENABLED.equals(name) || value != null && value.getConfigSourceOrdinal() >= SET_BY_SOMEONE) {
            return value;
        }
        ConfigValue client = context.restart(CLIENT_ID);
        boolean configured = client != null && client.getValue() != null && !client.getValue().isBlank();
        return ConfigValue.builder().withName(name).withValue(Boolean.toString(configured))
                .withConfigSourceName("renewd: on when " + CLIENT_ID + " is set").build();
    }
}
