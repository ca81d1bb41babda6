package io.renewd.pki;

import io.renewd.pki.PkiInputException.Reason;
import io.renewd.pki.TestPki.Chain;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import javax.crypto.spec.PBEParameterSpec;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static io.renewd.pki.PemCodecTest.assertReason;
import static io.renewd.pki.TestPki.P256;
import static io.renewd.pki.TestPki.P384;
import static io.renewd.pki.TestPki.RSA;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class Pkcs12CodecTest {

    @TempDir
    static Path dir;

    private static Chain chain;

    @BeforeAll
    static void writeChain() {
        chain = TestPki.chain(RSA, P384, P256);
        TestPki.write(dir, "leaf.key", PemCodec.writePrivateKey(chain.leaf().keys().getPrivate()));
        TestPki.write(dir, "leaf.pem", PemCodec.writeCertificates(List.of(chain.leaf().certificate())));
        TestPki.write(dir, "cas.pem", PemCodec.writeCertificates(List.of(chain.intermediate().certificate(), chain.root().certificate())));
    }

    static Stream<Arguments> opensslVariants() {
        return Stream.of(
                arguments("openssl 3 default (AES-256-CBC, PBKDF2, SHA-256 MAC)", List.of(), "s3cret"),
                arguments("openssl -legacy (3DES, RC2-40, SHA-1 MAC)", List.of("-legacy"), "s3cret"),
                arguments("openssl default, empty password", List.of(), ""),
                arguments("openssl -legacy, empty password", List.of("-legacy"), ""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("opensslVariants")
    void readsPfxFilesOpensslWrites(String name, List<String> options, String password) {
        byte[] pfx = opensslPfx(options, password);

        CertificateBundle bundle = Pkcs12Codec.read(pfx, password.toCharArray());

        assertThat(bundle.leaf()).isEqualTo(chain.leaf().certificate());
        assertThat(bundle.chain()).containsExactly(chain.intermediate().certificate(), chain.root().certificate());
        assertThat(KeyPairs.matches(bundle.leaf().getPublicKey(), bundle.key())).isTrue();
        if (password.isEmpty()) {
            assertThat(Pkcs12Codec.read(pfx, null).leaf()).isEqualTo(chain.leaf().certificate());
        } else {
            assertReason(() -> Pkcs12Codec.read(pfx, "wrong".toCharArray()), Reason.WRONG_PASSWORD, "password is wrong");
            assertReason(() -> Pkcs12Codec.read(pfx, null), Reason.WRONG_PASSWORD, "password is wrong");
        }
    }

    @ParameterizedTest(name = "password \"{0}\"")
    @ValueSource(strings = {"", "pfx-password"})
    void writesPfxFilesThatOpensslAndJavaOpen(String password) throws Exception {
        CertificateBundle bundle = new CertificateBundle(chain.leaf().certificate(),
                List.of(chain.intermediate().certificate(), chain.root().certificate()), chain.leaf().keys().getPrivate());

        byte[] pfx = Pkcs12Codec.write(bundle, "web-cert", password.toCharArray());
        TestPki.write(dir, "out.pfx", pfx);

        String info = OpenSsl.ok(dir, "pkcs12", "-in", "out.pfx", "-info", "-noout", "-passin", "pass:" + password);
        assertThat(info).contains("MAC: sha256", "Shrouded Keybag: PBES2, PBKDF2, AES-256-CBC", "PKCS7 Encrypted data: PBES2, PBKDF2, AES-256-CBC")
                .doesNotContain("RC2", "3DES");
        String contents = OpenSsl.ok(dir, "pkcs12", "-in", "out.pfx", "-nodes", "-passin", "pass:" + password);
        assertThat(contents).contains("friendlyName: web-cert", "BEGIN PRIVATE KEY").containsOnlyOnce("subject=O = Acme, CN = web.example.com");

        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(new ByteArrayInputStream(pfx), password.toCharArray());
        assertThat(store.getCertificateChain("web-cert")).containsExactly(chain.leaf().certificate(), chain.intermediate().certificate(),
                chain.root().certificate());
        assertThat(KeyPairs.matches(chain.leaf().certificate().getPublicKey(), (PrivateKey) store.getKey("web-cert", password.toCharArray()))).isTrue();

        assertThat(Pkcs12Codec.read(pfx, password.toCharArray()).certificates()).containsExactlyElementsOf(bundle.certificates());
    }

    @Test
    void refusesPfxWithoutKeyOrWithGarbage() {
        List<String> noKeys = new ArrayList<>(List.of("pkcs12", "-export", "-nokeys", "-in", "leaf.pem", "-certfile", "cas.pem",
                "-passout", "pass:x", "-out", "certs.pfx"));
        OpenSsl.ok(dir, noKeys.toArray(String[]::new));

        assertReason(() -> Pkcs12Codec.read(TestPki.read(dir.resolve("certs.pfx")), "x".toCharArray()), Reason.NO_PRIVATE_KEY, "no private key");
        assertReason(() -> Pkcs12Codec.read("not a pfx at all".getBytes(), "x".toCharArray()), Reason.MALFORMED, "the PFX is malformed");
        assertReason(() -> Pkcs12Codec.read(new byte[0], null), Reason.MALFORMED, "the PFX is empty");
    }

    @Test
    void refusesCostlyKeyDerivationBeforeRunningIt() throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        char[] password = "x".toCharArray();
        store.setEntry("slow", new KeyStore.PrivateKeyEntry(chain.leaf().keys().getPrivate(), new Certificate[] {chain.leaf().certificate()}),
                new KeyStore.PasswordProtection(password, "PBEWithHmacSHA256AndAES_256", new PBEParameterSpec(new byte[16], 1_000_001)));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        store.store(out, password);

        assertReason(() -> Pkcs12Codec.read(out.toByteArray(), password), Reason.MALFORMED, "the PFX key asks for 1000001 key derivation iterations");
    }

    private byte[] opensslPfx(List<String> options, String password) {
        List<String> command = new ArrayList<>(List.of("pkcs12", "-export", "-inkey", "leaf.key", "-in", "leaf.pem", "-certfile", "cas.pem",
                "-passout", "pass:" + password, "-out", "test.pfx"));
        command.addAll(options);
        OpenSsl.ok(dir, command.toArray(String[]::new));
        return TestPki.read(dir.resolve("test.pfx"));
    }
}
