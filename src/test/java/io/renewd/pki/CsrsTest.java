package io.renewd.pki;

import io.renewd.domain.KeySpec;
import io.renewd.domain.KeyUsage;
import io.renewd.pki.PkiInputException.Reason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static io.renewd.pki.TestPki.P256;
import static io.renewd.pki.TestPki.P384;
import static io.renewd.pki.TestPki.RSA;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class CsrsTest {

    @TempDir
    Path dir;

    static Stream<KeySpec> specs() {
        return Stream.of(RSA, P256, P384);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("specs")
    void csrMadeHereIsVerifiedByOpensslAndReadBack(KeySpec spec) {
        KeyPair keys = KeyPairs.generate(spec);
        var template = TestPki.leafTemplate("CN=web.example.com,O=Acme", TestPki.sans());

        CertificateSigningRequest csr = Csrs.create(keys, template);
        Path file = TestPki.write(dir, "req.pem", Csrs.toPem(csr));

        String text = OpenSsl.ok(dir, "req", "-in", file.toString(), "-verify", "-noout", "-text");
        assertThat(text).contains("verify OK", "Requested Extensions", "DNS:web.example.com", "IP Address:10.0.0.7",
                "UPN:", "svc@corp.example.com", "TLS Web Server Authentication", "CA:FALSE");
        CertificateSigningRequest parsed = Csrs.parse(Csrs.toPem(csr).getBytes(StandardCharsets.US_ASCII));
        assertThat(parsed.subject()).isEqualTo("CN=web.example.com,O=Acme");
        assertThat(parsed.sans().dnsNames()).containsExactly("web.example.com", "api.example.com");
        assertThat(parsed.sans().emails()).containsExactly("ops@example.com");
        assertThat(parsed.sans().upns()).containsExactly("svc@corp.example.com");
        assertThat(parsed.sans().ipAddresses()).containsExactly("10.0.0.7", "2001:db8:0:0:0:0:0:1");
        assertThat(parsed.keyUsage()).containsExactlyInAnyOrder(KeyUsage.DIGITAL_SIGNATURE, KeyUsage.KEY_ENCIPHERMENT);
        assertThat(parsed.ekus()).containsExactly(TestPki.SERVER_AUTH, TestPki.CLIENT_AUTH);
        assertThat(KeyPairs.samePublicKey(parsed.publicKey(), keys.getPublic())).isTrue();
        assertThat(parsed.der()).isEqualTo(csr.der());
    }

    static Stream<Arguments> opensslKeys() {
        return Stream.of(arguments("RSA", List.of("-newkey", "rsa:2048")),
                arguments("EC P-384", List.of("-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-384")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("opensslKeys")
    void csrMadeByOpensslIsReadWithItsSans(String name, List<String> newKey) {
        List<String> arguments = new ArrayList<>(List.of("req", "-new"));
        arguments.addAll(newKey);
        arguments.addAll(List.of("-nodes", "-keyout", "key.pem", "-out", "req.der", "-outform", "DER", "-subj", "/C=DE/O=Acme/CN=app.example.com",
                "-addext", "subjectAltName=DNS:app.example.com,IP:192.0.2.1,email:team@example.com,otherName:1.3.6.1.4.1.311.20.2.3;UTF8:app@corp",
                "-addext", "keyUsage=critical,digitalSignature", "-addext", "extendedKeyUsage=serverAuth"));
        OpenSsl.ok(dir, arguments.toArray(String[]::new));

        CertificateSigningRequest csr = Csrs.parse(TestPki.read(dir.resolve("req.der")));

        assertThat(csr.subject()).isEqualTo("CN=app.example.com,O=Acme,C=DE");
        assertThat(csr.sans().dnsNames()).containsExactly("app.example.com");
        assertThat(csr.sans().ipAddresses()).containsExactly("192.0.2.1");
        assertThat(csr.sans().emails()).containsExactly("team@example.com");
        assertThat(csr.sans().upns()).containsExactly("app@corp");
        assertThat(csr.keyUsage()).containsExactly(KeyUsage.DIGITAL_SIGNATURE);
        assertThat(csr.ekus()).containsExactly(TestPki.SERVER_AUTH);
        assertThat(KeyPairs.matches(csr.publicKey(), PemCodec.readPrivateKey(TestPki.readString(dir.resolve("key.pem")), null))).isTrue();
    }

    @Test
    void csrWithAlteredContentFailsItsSignature() {
        CertificateSigningRequest csr = Csrs.create(KeyPairs.generate(P256), TestPki.leafTemplate("CN=web.example.com", TestPki.sans()));
        byte[] der = csr.der();
        int at = indexOf(der, "web.example.com".getBytes(StandardCharsets.US_ASCII));
        der[at] = 'x';

        assertThatThrownBy(() -> Csrs.parse(der))
                .isInstanceOfSatisfying(PkiInputException.class, e -> assertThat(e.reason()).isEqualTo(Reason.BAD_SIGNATURE))
                .hasMessageContaining("not signed by the key it contains");
    }

    @Test
    void refusesPemOfAnotherType() {
        String pem = PemCodec.writeCertificates(List.of(TestPki.root(P256).certificate()));

        assertThatThrownBy(() -> Csrs.parse(pem.getBytes(StandardCharsets.US_ASCII)))
                .isInstanceOfSatisfying(PkiInputException.class, e -> assertThat(e.reason()).isEqualTo(Reason.MALFORMED))
                .hasMessageContaining("must be one PEM block of type CERTIFICATE REQUEST or NEW CERTIFICATE REQUEST");
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("not found");
    }
}
