package io.renewd.api;

import jakarta.ws.rs.core.UriInfo;

/** Object identifiers as Key Vault writes them: absolute URLs, under renewd's {@code /vaults/{vault}} prefix. */
final class Ids {

    private Ids() {
    }

    static String vault(UriInfo uri, String vault) {
        String base = uri.getBaseUri().toString();
        return (base.endsWith("/") ? base : base + "/") + "vaults/" + vault;
    }
}
