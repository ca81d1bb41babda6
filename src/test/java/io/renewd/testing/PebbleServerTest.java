package io.renewd.testing;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PebbleServerTest {

    @Test
    void servesAnAcmeDirectoryAndItsIssuingRootThenStopsWhenClosed() throws Exception {
        PebbleServer pebble = PebbleServer.start(new PebbleServer.Options(5002, Map.of()));
        try (pebble) {
            var directory = pebble.get(pebble.directoryUrl());
            assertThat(directory.statusCode()).isEqualTo(200);
            assertThat(directory.body()).contains("\"newAccount\"", "\"newNonce\"", "\"newOrder\"");
            assertThat(directory.body()).doesNotContain("externalAccountRequired\": true");

            var root = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(
                    new ByteArrayInputStream(pebble.issuingRootPem().getBytes(StandardCharsets.US_ASCII)));
            assertThat(root.getBasicConstraints()).as("the issuing root is a CA").isGreaterThanOrEqualTo(0);
        }
        assertThatThrownBy(() -> pebble.get(pebble.directoryUrl())).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void requiresExternalAccountBindingWhenKeysAreGiven() {
        try (PebbleServer pebble = PebbleServer.start(new PebbleServer.Options(5002,
                Map.of("kid-1", "zWNDZM6eQGHWpSRTPal5eIUYFTu7EajVIoguysqZ9wG44nMEtx3MUAsUDkMTQ12W")))) {
            assertThat(pebble.get(pebble.directoryUrl()).body()).containsPattern("\"externalAccountRequired\":\\s*true");
        }
    }
}
