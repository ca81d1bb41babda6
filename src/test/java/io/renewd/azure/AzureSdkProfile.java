package io.renewd.azure;

import io.renewd.http.ProductionListeners;

import java.util.HashMap;
import java.util.Map;

/**
 * renewd as the official Azure SDK meets it: the production listeners (API over HTTPS only, see
 * {@link ProductionListeners}) and every vault at its own host name as well ({@code renewd.api.vault-host}).
 * renewd's own bearer authentication answers the SDK's first request with Key Vault's 401 challenge.
 */
public class AzureSdkProfile extends ProductionListeners {

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> config = new HashMap<>(super.getConfigOverrides());
        // Each vault also at its own host name, as Key Vault's vaults are: <vault>.vault.localhost.
        config.put("renewd.api.vault-host", "{vault}." + io.renewd.testing.TestTls.VAULT_DOMAIN);
        return config;
    }
}
