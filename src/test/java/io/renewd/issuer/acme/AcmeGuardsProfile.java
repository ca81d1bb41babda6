package io.renewd.issuer.acme;

import io.quarkus.test.junit.QuarkusTestProfile;
import io.renewd.testing.TestTls;

import java.util.HashMap;
import java.util.Map;

/**
 * renewd as an operator would run it next to several teams: a name map for two vaults (others
 * may order any name, as %test's default says), HTTPS with its own certificate (localhost,
 * *.vault.localhost, 127.0.0.1, ::1), vaults at their own host names, and a short attempt deadline.
 */
public class AcmeGuardsProfile implements QuarkusTestProfile {

    static final String TEAM_A = "acme-map-team-a";
    static final String TEAM_B = "acme-map-team-b";

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> config = new HashMap<>(TestTls.localhost().quarkusConfig());
        config.put("renewd.acme.names.\"" + TEAM_A + "\"", "team-a.example.com,**.team-a.example.com");
        config.put("renewd.acme.names.\"" + TEAM_B + "\"", "team-b.example.com,*.team-b.example.com");
        config.put("renewd.api.vault-host", "{vault}." + TestTls.VAULT_DOMAIN);
        config.put("renewd.acme.attempt-timeout", "3s");
        return config;
    }
}
