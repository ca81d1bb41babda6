package io.renewd.pki;

import io.renewd.domain.SubjectAlternativeNames;
import io.renewd.pki.PkiInputException.Reason;
import io.renewd.pki.TestPki.Chain;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;

import static io.renewd.pki.PemCodecTest.assertReason;
import static io.renewd.pki.TestPki.P256;
import static org.assertj.core.api.Assertions.assertThat;

class Pkcs7CodecTest {

    @TempDir
    Path dir;

    @Test
    void readsCertsOnlyBundlesFromOpensslAsPemDerAndBase64() {
        Chain chain = TestPki.chain(P256, P256, P256);
        TestPki.write(dir, "chain.pem", PemCodec.writeCertificates(List.of(chain.leaf().certificate(), chain.intermediate().certificate(),
                chain.root().certificate())));
        OpenSsl.ok(dir, "crl2pkcs7", "-nocrl", "-certfile", "chain.pem", "-out", "chain.p7b");
        OpenSsl.ok(dir, "crl2pkcs7", "-nocrl", "-certfile", "chain.pem", "-outform", "DER", "-out", "chain.p7b.der");
        byte[] pem = TestPki.read(dir.resolve("chain.p7b"));
        byte[] der = TestPki.read(dir.resolve("chain.p7b.der"));
        byte[] base64 = Base64.getMimeEncoder().encode(der);

        assertThat(new String(pem, StandardCharsets.US_ASCII)).startsWith("-----BEGIN PKCS7-----");
        for (byte[] input : List.of(pem, der, base64)) {
            List<X509Certificate> certificates = Pkcs7Codec.read(input);
            assertThat(certificates).containsExactlyInAnyOrder(chain.leaf().certificate(), chain.intermediate().certificate(), chain.root().certificate());
            assertThat(ChainOrder.order(certificates)).containsExactly(chain.leaf().certificate(), chain.intermediate().certificate(),
                    chain.root().certificate());
        }
    }

    @Test
    void refusesBundlesWithoutCertificatesAndOtherStructures() {
        OpenSsl.ok(dir, "crl2pkcs7", "-nocrl", "-outform", "DER", "-out", "empty.p7b");
        byte[] csr = Csrs.create(KeyPairs.generate(P256), TestPki.leafTemplate("CN=x", SubjectAlternativeNames.NONE)).der();

        assertReason(() -> Pkcs7Codec.read(TestPki.read(dir.resolve("empty.p7b"))), Reason.NO_CERTIFICATE, "no certificates");
        assertReason(() -> Pkcs7Codec.read(csr), Reason.MALFORMED, "the PKCS#7 bundle is malformed");
        assertReason(() -> Pkcs7Codec.read("bm90IGEgYnVuZGxl".getBytes(StandardCharsets.US_ASCII)), Reason.MALFORMED, "the PKCS#7 bundle is malformed");
    }
}
