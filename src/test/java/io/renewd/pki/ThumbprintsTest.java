package io.renewd.pki;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ThumbprintsTest {

    @TempDir
    Path dir;

    @Test
    void x5tIsTheSha1FingerprintInBase64UrlWithoutPadding() {
        X509Certificate certificate = TestPki.root(TestPki.P256).certificate();
        TestPki.write(dir, "cert.pem", PemCodec.writeCertificates(List.of(certificate)));
        String fingerprint = OpenSsl.ok(dir, "x509", "-in", "cert.pem", "-noout", "-fingerprint", "-sha1").strip().replaceAll(".*=", "").replace(":", "");

        String x5t = Thumbprints.x5t(certificate);

        assertThat(x5t).hasSize(27).doesNotContain("=", "+", "/");
        assertThat(Base64.getUrlDecoder().decode(x5t)).isEqualTo(HexFormat.of().parseHex(fingerprint));
    }
}
