package io.renewd.renewal;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;

/** renewd without its own renewer, so a test plays the renewers itself. */
public class WithoutRenewerRole implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("renewd.roles", "api,scheduler,relay,notifier");
    }
}
