package io.renewd.issuer.acme;

import java.util.HashMap;
import java.util.Map;

/** {@link AcmeGuardsProfile} with an attempt deadline longer than a test: a stalled CA holds its workers until the test lets go. */
public class StalledCaProfile extends AcmeGuardsProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> config = new HashMap<>(super.getConfigOverrides());
        config.put("renewd.acme.attempt-timeout", "2m");
        return config;
    }
}
