package io.renewd.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;

import java.util.Map;

/**
 * Points every {@code @QuarkusTest} at {@link RealServices} (global scope: no test needs to name it). Each application
 * (test profile) loads its own {@link RealServices}, so its servers stop when the application stops.
 */
@WithTestResource(value = RealServicesResource.class, scope = TestResourceScope.GLOBAL)
public class RealServicesResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return RealServices.get().quarkusConfig();
    }

    @Override
    public void stop() {
        RealServices.stopForApplication();
    }
}
