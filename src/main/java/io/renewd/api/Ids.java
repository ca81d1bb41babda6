package io.renewd.api;

import jakarta.ws.rs.core.UriInfo;

import java.net.URI;

/**
 * Object identifiers as Key Vault writes them: absolute URLs of the vault the request addressed.
 * Under renewd's path prefix ({@code https://renewd.example.com/vaults/team-a/certificates/web/<version>}),
 * or, for a request to the vault's own host name ({@code renewd.api.vault-host}), exactly in Key
 * Vault's form ({@code https://team-a.vault.example.com/certificates/web/<version>}), the one the
 * Azure SDKs parse names and versions from.
 */
final class Ids {

    private Ids() {
    }

    static String vault(UriInfo uri, String vault) {
        URI base = uri.getBaseUri();
        VaultHosts hosts = VaultHosts.current();
        if (hosts.addresses(base.getHost(), vault)) {
            // The vault's one host name, whatever case the request spelled it in.
            return base.getScheme() + "://" + hosts.hostOf(vault) + (base.getPort() == -1 ? "" : ":" + base.getPort());
        }
        String text = base.toString();
        return (text.endsWith("/") ? text : text + "/") + "vaults/" + vault;
    }

    /** The URL the request addressed, without its query: as the caller wrote it (vault host or path prefix). */
    static String requestUrl(UriInfo uri) {
        URI absolute = uri.getAbsolutePath();
        String path = absolute.getRawPath();
        if (path.startsWith("/vaults/")) {
            String vault = path.substring("/vaults/".length()).split("/", 2)[0];
            if (VaultHosts.current().addresses(absolute.getHost(), vault)) {
                return absolute.getScheme() + "://" + absolute.getRawAuthority() + path.substring("/vaults/".length() + vault.length());
            }
        }
        return absolute.toString();
    }
}
