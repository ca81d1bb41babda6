package io.renewd.pki;

import io.renewd.domain.Curve;
import io.renewd.domain.KeySpec;
import io.renewd.domain.SubjectAlternativeNames;
import io.renewd.pki.PkiInputException.Reason;
import io.renewd.pki.TestPki.Chain;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.bouncycastle.asn1.ASN1Object;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.util.io.pem.PemObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static io.renewd.pki.TestPki.P256;
import static io.renewd.pki.TestPki.P384;
import static io.renewd.pki.TestPki.RSA;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class PemCodecTest {

    private static final String PASSWORD = "s3cret-pass";

    @TempDir
    Path dir;

    /** openssl commands that leave a key in key.pem, the PEM header they produce, and the password they set. */
    static Stream<Arguments> opensslKeys() {
        List<String> rsaPkcs8 = List.of("genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", "k8.pem");
        List<String> ecSec1 = List.of("ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", "sec1.pem");
        String pass = "pass:" + PASSWORD;
        return Stream.of(
                arguments("PKCS#8 RSA (genpkey)", List.of(List.of("genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", "key.pem")),
                        "BEGIN PRIVATE KEY", null),
                arguments("PKCS#8 EC P-521 (genpkey)", List.of(List.of("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-521", "-out", "key.pem")),
                        "BEGIN PRIVATE KEY", null),
                arguments("PKCS#1 RSA (genrsa -traditional)", List.of(List.of("genrsa", "-traditional", "-out", "key.pem", "2048")),
                        "BEGIN RSA PRIVATE KEY", null),
                arguments("PKCS#1 RSA (rsa -traditional)", List.of(rsaPkcs8, List.of("rsa", "-in", "k8.pem", "-traditional", "-out", "key.pem")),
                        "BEGIN RSA PRIVATE KEY", null),
                arguments("SEC1 after EC PARAMETERS (ecparam -genkey)", List.of(List.of("ecparam", "-name", "secp384r1", "-genkey", "-out", "key.pem")),
                        "BEGIN EC PARAMETERS", null),
                arguments("SEC1 (ecparam -genkey -noout)", List.of(List.of("ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", "key.pem")),
                        "BEGIN EC PRIVATE KEY", null),
                arguments("SEC1 (openssl ec)", List.of(ecSec1, List.of("ec", "-in", "sec1.pem", "-out", "key.pem")), "BEGIN EC PRIVATE KEY", null),
                arguments("encrypted PKCS#8 RSA (-v2 aes256)", List.of(rsaPkcs8,
                        List.of("pkcs8", "-topk8", "-v2", "aes256", "-in", "k8.pem", "-passout", pass, "-out", "key.pem")), "BEGIN ENCRYPTED PRIVATE KEY", PASSWORD),
                arguments("encrypted PKCS#8 EC (-v2 aes256)", List.of(ecSec1,
                        List.of("pkcs8", "-topk8", "-v2", "aes256", "-in", "sec1.pem", "-passout", pass, "-out", "key.pem")), "BEGIN ENCRYPTED PRIVATE KEY", PASSWORD),
                arguments("encrypted PKCS#8 (-v1 PBE-SHA1-3DES)", List.of(rsaPkcs8,
                        List.of("pkcs8", "-topk8", "-v1", "PBE-SHA1-3DES", "-in", "k8.pem", "-passout", pass, "-out", "key.pem")), "BEGIN ENCRYPTED PRIVATE KEY", PASSWORD),
                arguments("encrypted PKCS#8 (-scrypt)", List.of(ecSec1,
                        List.of("pkcs8", "-topk8", "-scrypt", "-in", "sec1.pem", "-passout", pass, "-out", "key.pem")), "BEGIN ENCRYPTED PRIVATE KEY", PASSWORD),
                arguments("legacy encrypted PKCS#1 (genrsa -traditional -aes256)", List.of(List.of("genrsa", "-traditional", "-aes256", "-passout", pass,
                        "-out", "key.pem", "2048")), "Proc-Type: 4,ENCRYPTED", PASSWORD),
                arguments("legacy encrypted SEC1 (ec -aes256)", List.of(ecSec1, List.of("ec", "-in", "sec1.pem", "-aes256", "-passout", pass, "-out", "key.pem")),
                        "Proc-Type: 4,ENCRYPTED", PASSWORD));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("opensslKeys")
    void readsKeysInEveryFormatOpensslWrites(String name, List<List<String>> commands, String header, String password) {
        String keyPem = opensslKey(commands, header, password);
        X509Certificate certificate = PemCodec.readCertificates(TestPki.readString(dir.resolve("cert.pem"))).get(0);
        char[] secret = password == null ? null : password.toCharArray();

        PrivateKey key = PemCodec.readPrivateKey(keyPem, secret);
        CertificateBundle bundle = PemCodec.readBundle(keyPem + TestPki.readString(dir.resolve("cert.pem")), secret);

        assertThat(KeyPairs.matches(certificate.getPublicKey(), key)).isTrue();
        assertThat(bundle.leaf()).isEqualTo(certificate);
        assertThat(bundle.chain()).isEmpty();
        assertThat(KeyPairs.matches(certificate.getPublicKey(), bundle.key())).isTrue();
    }

    static Stream<Arguments> encryptedOpensslKeys() {
        return opensslKeys().filter(key -> key.get()[3] != null);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("encryptedOpensslKeys")
    void encryptedKeysNeedTheRightPassword(String name, List<List<String>> commands, String header, String password) {
        String keyPem = opensslKey(commands, header, password);

        for (char[] wrong : new char[][] {"wrong-password".toCharArray(), null, new char[0]}) {
            assertThatThrownBy(() -> PemCodec.readPrivateKey(keyPem, wrong))
                    .isInstanceOfSatisfying(PkiInputException.class, e -> assertThat(e.reason()).isEqualTo(Reason.WRONG_PASSWORD))
                    .message().doesNotContain(PASSWORD).doesNotContain("wrong-password");
        }
    }

    @Test
    void findsTheCurveOfSec1KeysThatDoNotNameIt() {
        KeyPair keys = KeyPairs.generate(P384);
        var ec = (java.security.interfaces.ECPrivateKey) keys.getPrivate();
        X509Certificate certificate = CertificateIssuance.selfSigned(keys, TestPki.leafTemplate("CN=no-curve", SubjectAlternativeNames.NONE));
        byte[] point = SubjectPublicKeyInfo.getInstance(keys.getPublic().getEncoded()).getPublicKeyData().getOctets();
        String withPublicKey = pem("EC PRIVATE KEY", new ECPrivateKey(384, ec.getS(), new DERBitString(point), null));
        String bare = pem("EC PRIVATE KEY", new ECPrivateKey(384, ec.getS()));
        String certificatePem = PemCodec.writeCertificates(List.of(certificate));
        String parameters = pem("EC PARAMETERS", EcCurves.oid(Curve.P_384));

        assertThat(KeyPairs.matches(keys.getPublic(), PemCodec.readPrivateKey(withPublicKey, null))).isTrue();
        assertThat(KeyPairs.matches(keys.getPublic(), PemCodec.readBundle(bare + certificatePem, null).key())).isTrue();
        assertThat(KeyPairs.matches(keys.getPublic(), PemCodec.readPrivateKey(parameters + bare, null))).isTrue();
        assertThatThrownBy(() -> PemCodec.readPrivateKey(bare, null))
                .isInstanceOfSatisfying(PkiInputException.class, e -> assertThat(e.reason()).isEqualTo(Reason.MALFORMED))
                .hasMessageContaining("names no curve");
    }

    static Stream<KeySpec> writtenKeys() {
        return Stream.of(RSA, P256, P384, new KeySpec.Ec(Curve.P_521));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("writtenKeys")
    void writesPkcs8KeysThatOpensslReadsWithTheirCurve(KeySpec spec) {
        KeyPair keys = KeyPairs.generate(spec);
        X509Certificate certificate = CertificateIssuance.selfSigned(keys, TestPki.leafTemplate("CN=written", SubjectAlternativeNames.NONE));
        String keyPem = PemCodec.writePrivateKey(keys.getPrivate());
        TestPki.write(dir, "key.pem", keyPem);
        TestPki.write(dir, "cert.pem", PemCodec.writeCertificates(List.of(certificate)));

        assertThat(keyPem).startsWith("-----BEGIN PRIVATE KEY-----\n");
        assertThat(OpenSsl.ok(dir, "pkey", "-in", "key.pem", "-pubout")).isEqualTo(OpenSsl.ok(dir, "x509", "-in", "cert.pem", "-noout", "-pubkey"));
        if (spec instanceof KeySpec.Ec ec) {
            assertThat(OpenSsl.ok(dir, "pkey", "-in", "key.pem", "-noout", "-text")).contains("NIST CURVE: " + ec.curve().wireName());
        }
        assertThat(KeyPairs.matches(keys.getPublic(), PemCodec.readPrivateKey(keyPem, null))).isTrue();
    }

    @Test
    void readsAShuffledChainWithItsKeyAndWritesItBack() {
        Chain chain = TestPki.chain(RSA, P256, P256);
        String pem = PemCodec.writeCertificates(List.of(chain.intermediate().certificate(), chain.root().certificate(), chain.leaf().certificate()))
                + PemCodec.writePrivateKey(chain.leaf().keys().getPrivate());

        CertificateBundle bundle = PemCodec.readBundle(pem, null);
        CertificateBundle again = PemCodec.readBundle(PemCodec.write(bundle), null);

        assertThat(bundle.leaf()).isEqualTo(chain.leaf().certificate());
        assertThat(bundle.chain()).containsExactly(chain.intermediate().certificate(), chain.root().certificate());
        assertThat(again.certificates()).containsExactlyElementsOf(bundle.certificates());
        assertThat(PemCodec.write(bundle)).startsWith("-----BEGIN PRIVATE KEY-----");
        assertThat(PemCodec.readBundle(PemCodec.writeCertificates(bundle.certificates()), null).key()).isNull();
    }

    @Test
    void refusesAKeyThatIsNotTheLeafs() {
        Chain chain = TestPki.chain(P256, P256, P256);
        String pem = PemCodec.writeCertificates(List.of(chain.leaf().certificate(), chain.intermediate().certificate()))
                + PemCodec.writePrivateKey(chain.intermediate().keys().getPrivate());

        assertThatThrownBy(() -> PemCodec.readBundle(pem, null))
                .isInstanceOfSatisfying(PkiInputException.class, e -> assertThat(e.reason()).isEqualTo(Reason.KEY_MISMATCH))
                .hasMessageContaining("does not belong to certificate 'CN=web.example.com,O=Acme'");
    }

    @Test
    void namesWhatIsMissingOrOdd() {
        String certificate = PemCodec.writeCertificates(List.of(TestPki.root(P256).certificate()));
        String key = PemCodec.writePrivateKey(KeyPairs.generate(P256).getPrivate());
        String csr = Csrs.toPem(Csrs.create(KeyPairs.generate(P256), TestPki.leafTemplate("CN=x", SubjectAlternativeNames.NONE)));

        assertReason(() -> PemCodec.readCertificates(key), Reason.NO_CERTIFICATE, "no CERTIFICATE block");
        assertReason(() -> PemCodec.readPrivateKey(certificate, null), Reason.NO_PRIVATE_KEY, "no private key");
        assertReason(() -> PemCodec.readBundle(certificate + csr, null), Reason.MALFORMED, "block of type 'CERTIFICATE REQUEST'");
        assertReason(() -> PemCodec.readPrivateKey(key + key, null), Reason.MALFORMED, "more than one private key");
        assertReason(() -> PemCodec.readCertificates("hello"), Reason.NO_CERTIFICATE, "no CERTIFICATE block");
        assertReason(() -> PemCodec.readCertificates("-----BEGIN CERTIFICATE-----\nAAAA\n"), Reason.MALFORMED, "the PEM text is malformed");
        assertReason(() -> PemCodec.readCertificates(""), Reason.MALFORMED, "empty");
    }

    @Test
    void refusesKeysRenewdDoesNotHandle() {
        OpenSsl.ok(dir, "genpkey", "-algorithm", "ed25519", "-out", "ed.pem");
        OpenSsl.ok(dir, "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:secp256k1", "-out", "k1.pem");

        assertReason(() -> PemCodec.readPrivateKey(TestPki.readString(dir.resolve("ed.pem")), null), Reason.UNSUPPORTED_KEY, "1.3.101.112");
        assertReason(() -> PemCodec.readPrivateKey(TestPki.readString(dir.resolve("k1.pem")), null), Reason.UNSUPPORTED_KEY,
                "EC curve 1.3.132.0.10 is not supported");
    }

    @Test
    void refusesCostlyKeyDerivationBeforeRunningIt() {
        OpenSsl.ok(dir, "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", "k.pem");
        OpenSsl.ok(dir, "pkcs8", "-topk8", "-v2", "aes256", "-iter", "1000001", "-in", "k.pem", "-passout", "pass:x", "-out", "slow.pem");

        assertReason(() -> PemCodec.readPrivateKey(TestPki.readString(dir.resolve("slow.pem")), "x".toCharArray()), Reason.MALFORMED,
                "asks for 1000001 key derivation iterations");
    }

    private String opensslKey(List<List<String>> commands, String header, String password) {
        commands.forEach(command -> OpenSsl.ok(dir, command.toArray(String[]::new)));
        String keyPem = TestPki.readString(dir.resolve("key.pem"));
        assertThat(keyPem).contains(header);
        List<String> certificate = new ArrayList<>(List.of("req", "-x509", "-new", "-key", "key.pem", "-subj", "/CN=key-test",
                "-days", "1", "-out", "cert.pem"));
        if (password != null) {
            certificate.addAll(List.of("-passin", "pass:" + password));
        }
        OpenSsl.ok(dir, certificate.toArray(String[]::new));
        return keyPem;
    }

    private static String pem(String type, ASN1Object object) {
        try {
            return PemCodec.encode(new PemObject(type, object.getEncoded()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void assertReason(ThrowingCallable call, Reason reason, String message) {
        assertThatThrownBy(call)
                .isInstanceOfSatisfying(PkiInputException.class, e -> assertThat(e.reason()).isEqualTo(reason))
                .hasMessageContaining(message);
    }
}
