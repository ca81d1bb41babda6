package io.renewd.domain;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Key Vault's mapping from a certificate's key usage to the operations its addressable key allows. */
public final class KeyOperations {

    private KeyOperations() {
    }

    public static List<String> of(Collection<KeyUsage> keyUsage) {
        Set<String> operations = new LinkedHashSet<>();
        for (KeyUsage usage : keyUsage.stream().sorted().toList()) {
            operations.addAll(switch (usage) {
                case DATA_ENCIPHERMENT -> List.of("encrypt", "decrypt");
                case DECIPHER_ONLY -> List.of("decrypt");
                case ENCIPHER_ONLY -> List.of("encrypt");
                case KEY_ENCIPHERMENT -> List.of("wrapKey", "unwrapKey");
                case DIGITAL_SIGNATURE, KEY_CERT_SIGN, NON_REPUDIATION, CRL_SIGN -> List.of("sign", "verify");
                case KEY_AGREEMENT -> List.of();
            });
        }
        return new ArrayList<>(operations);
    }
}
