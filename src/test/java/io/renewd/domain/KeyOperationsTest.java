package io.renewd.domain;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class KeyOperationsTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "dataEncipherment                 | encrypt decrypt",
            "decipherOnly                     | decrypt",
            "digitalSignature                 | sign verify",
            "encipherOnly                     | encrypt",
            "keyCertSign                      | sign verify",
            "keyEncipherment                  | wrapKey unwrapKey",
            "nonRepudiation                   | sign verify",
            "cRLSign                          | sign verify",
            "digitalSignature keyEncipherment | sign verify wrapKey unwrapKey",
            "keyCertSign cRLSign              | sign verify"})
    void keyUsageMapsToKeyVaultsKeyOperations(String usages, String operations) {
        var keyUsage = Arrays.stream(usages.split(" ")).map(u -> KeyUsage.fromWireName(u).orElseThrow()).toList();

        assertThat(KeyOperations.of(keyUsage)).containsExactlyInAnyOrderElementsOf(List.of(operations.split(" ")));
    }
}
