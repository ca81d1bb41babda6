package io.renewd.cli;

import java.net.URI;
import java.util.List;

/** Names and versions out of Key Vault ids (https://host/vaults/v/certificates/NAME/VERSION). */
final class ObjectIds {

    private ObjectIds() {
    }

    /** The segment {@code after} positions past the collection segment ({@code certificates}, {@code issuers}, ...), or null. */
    static String segment(String id, String collection, int after) {
        if (id == null || id.isEmpty()) {
            return null;
        }
        List<String> segments = List.of(URI.create(id).getPath().split("/"));
        for (int i = segments.size() - 1; i >= 0; i--) {
            if (segments.get(i).equalsIgnoreCase(collection)) {
                int at = i + after;
                return at < segments.size() ? segments.get(at) : null;
            }
        }
        return null;
    }

    static String certificateName(String id) {
        String name = segment(id, "certificates", 1);
        return name != null ? name : segment(id, "deletedcertificates", 1);
    }

    static String certificateVersion(String id) {
        return segment(id, "certificates", 2);
    }

    static String issuerName(String id) {
        return segment(id, "issuers", 1);
    }
}
