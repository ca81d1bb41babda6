package io.renewd.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;

import java.util.Map;

/**
 * Points every {@code @QuarkusTest} at {@link RealServices} (global scope: no test needs to
 * name it). The servers outlive a single application start, so tests that restart Quarkus
 * (other profiles or resources) reuse them.
 */
@WithTestResource(value = RealServicesResource.class, scope = TestResourceScope.GLOBAL)
public class RealServicesResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return RealServices.get().quarkusConfig();
    }

    @Override
    public void stop() {
        // The servers belong to the test JVM and stop with it (RealServices' shutdown hook).
    }
}
