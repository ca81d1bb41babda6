package io.renewd.pki;

import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The key-encryption keys (AES-256) by id, and which one seals new data. Older keys stay to open what they sealed
 * until everything has been re-wrapped under the active one.
 */
public final class KeyEncryptionKeys {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final int KEY_BYTES = 32;

    private final String activeId;
    private final Map<String, byte[]> keys;

    public KeyEncryptionKeys(String activeId, Map<String, byte[]> keys) {
        if (keys == null || keys.isEmpty()) {
            throw new IllegalArgumentException("no key-encryption keys are configured");
        }
        Map<String, byte[]> copy = new LinkedHashMap<>();
        keys.forEach((id, key) -> {
            if (id == null || !ID.matcher(id).matches()) {
                throw new IllegalArgumentException("key-encryption key id '" + id + "' must be 1 to 64 letters, digits, '.', '_' or '-'");
            }
            if (key == null || key.length != KEY_BYTES) {
                throw new IllegalArgumentException("key-encryption key '" + id + "' must be " + KEY_BYTES + " bytes (AES-256)");
            }
            copy.put(id, key.clone());
        });
        if (activeId == null || !copy.containsKey(activeId)) {
            throw new IllegalArgumentException("the active key-encryption key '" + activeId + "' is not among the configured ones " + copy.keySet());
        }
        this.activeId = activeId;
        this.keys = copy;
    }

    /**
     * Parses configuration like {@code "k1:<base64 of 32 bytes>,k2:<base64>"}. Messages name ids and positions, never
     * key material.
     */
    public static KeyEncryptionKeys parse(String config, String activeId) {
        if (config == null || config.isBlank()) {
            throw new IllegalArgumentException("no key-encryption keys are configured");
        }
        Map<String, byte[]> keys = new LinkedHashMap<>();
        String[] entries = config.split(",");
        for (int i = 0; i < entries.length; i++) {
            String entry = entries[i].strip();
            int colon = entry.indexOf(':');
            if (colon < 0) {
                throw new IllegalArgumentException("key-encryption key entry " + (i + 1) + " is not of the form id:base64");
            }
            String id = entry.substring(0, colon).strip();
            byte[] key;
            try {
                key = Base64.getDecoder().decode(entry.substring(colon + 1).strip());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("key-encryption key '" + id + "' is not valid base64");
            }
            if (keys.put(id, key) != null) {
                throw new IllegalArgumentException("key-encryption key '" + id + "' is configured twice");
            }
        }
        return new KeyEncryptionKeys(activeId, keys);
    }

    public String activeId() {
        return activeId;
    }

    public Set<String> ids() {
        return Set.copyOf(keys.keySet());
    }

    /** The key bytes for an id; unknown ids are a server-side problem (a retired key still in use). */
    byte[] key(String id) {
        byte[] key = keys.get(id);
        if (key == null) {
            throw new EnvelopeException("the data was sealed with key-encryption key '" + id + "', which is not configured (configured: "
                    + keys.keySet() + ")");
        }
        return key.clone();
    }

    @Override
    public String toString() {
        return "KeyEncryptionKeys[active=" + activeId + ", ids=" + keys.keySet() + "]";
    }
}
