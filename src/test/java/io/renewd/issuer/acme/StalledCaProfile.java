package io.renewd.issuer.acme;

import java.util.HashMap;
import java.util.Map;

/** {@link AcmeGuardsProfile} with attempt and request deadlines longer than a test: a stalled CA holds its workers until the test lets go. */
public class StalledCaProfile extends AcmeGuardsProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> config = new HashMap<>(super.getConfigOverrides());
        config.put("renewd.acme.attempt-timeout", "2m");
        // Nor does one request give up on it first: an attempt holds its worker all along.
        config.put("renewd.acme.request-timeout", "2m");
        return config;
    }
}
