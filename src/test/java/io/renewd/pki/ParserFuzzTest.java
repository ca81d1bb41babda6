package io.renewd.pki;

import io.renewd.pki.TestPki.Chain;
import io.renewd.testing.HostileBytes;
import org.bouncycastle.util.io.pem.PemObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.renewd.pki.TestPki.P256;
import static io.renewd.pki.TestPki.RSA;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Feeds random and mutated inputs (bit flips, truncations, insertions, and the same inside PEM blocks) to every
 * parser: whatever comes in, only {@link PkiInputException} may come out. The seed is fixed so a failure reproduces.
 */
class ParserFuzzTest {

    private static final long SEED = 20261122L;
    private static final int MUTATIONS_PER_SAMPLE = 220;
    private static final int RANDOM_INPUTS = 300;
    private static final int HOSTILE_PER_SAMPLE = 100;
    private static final String PASSWORD = "fuzz-pass";
    private static final Pattern PEM_BODY = Pattern.compile("(-----BEGIN [^-]+-----\\r?\\n(?:[^\\r\\n]*:[^\\r\\n]*\\r?\\n)*\\r?\\n?)([A-Za-z0-9+/=\\r\\n]+)(-----END)");

    @TempDir
    static Path dir;

    private static final Map<String, byte[]> SAMPLES = new LinkedHashMap<>();
    private static final Map<String, Consumer<byte[]>> PARSERS = new LinkedHashMap<>();

    @BeforeAll
    static void makeSamples() {
        Chain chain = TestPki.chain(RSA, P256, P256);
        String certificates = PemCodec.writeCertificates(List.of(chain.leaf().certificate(), chain.intermediate().certificate(), chain.root().certificate()));
        String key = PemCodec.writePrivateKey(chain.leaf().keys().getPrivate());
        TestPki.write(dir, "chain.pem", certificates);
        TestPki.write(dir, "leaf.key", key);
        TestPki.write(dir, "leaf.pem", PemCodec.writeCertificates(List.of(chain.leaf().certificate())));
        TestPki.write(dir, "cas.pem", PemCodec.writeCertificates(List.of(chain.intermediate().certificate(), chain.root().certificate())));
        String pass = "pass:" + PASSWORD;
        // Few iterations keep thousands of PFX and encrypted-key parses fast; the structure is what matters here.
        OpenSsl.ok(dir, "pkcs12", "-export", "-inkey", "leaf.key", "-in", "leaf.pem", "-certfile", "cas.pem", "-iter", "16", "-passout", pass, "-out", "modern.pfx");
        OpenSsl.ok(dir, "pkcs12", "-export", "-legacy", "-inkey", "leaf.key", "-in", "leaf.pem", "-certfile", "cas.pem", "-iter", "16", "-passout", pass,
                "-out", "legacy.pfx");
        // Without a MAC, damaged contents reach the keystore's parser instead of failing the MAC check first.
        OpenSsl.ok(dir, "pkcs12", "-export", "-inkey", "leaf.key", "-in", "leaf.pem", "-certfile", "cas.pem", "-iter", "16", "-nomac", "-passout", pass,
                "-out", "nomac.pfx");
        OpenSsl.ok(dir, "pkcs8", "-topk8", "-v2", "aes256", "-iter", "16", "-in", "leaf.key", "-passout", pass, "-out", "encrypted.key");
        OpenSsl.ok(dir, "ec", "-in", "leaf.key", "-aes128", "-passout", pass, "-out", "legacy.key");
        OpenSsl.ok(dir, "ec", "-in", "leaf.key", "-out", "sec1.key");
        OpenSsl.ok(dir, "crl2pkcs7", "-nocrl", "-certfile", "chain.pem", "-out", "chain.p7b");
        OpenSsl.ok(dir, "crl2pkcs7", "-nocrl", "-certfile", "chain.pem", "-outform", "DER", "-out", "chain.p7b.der");
        CertificateSigningRequest csr = Csrs.create(KeyPairs.generate(P256), TestPki.leafTemplate("CN=fuzz", TestPki.sans()));

        SAMPLES.put("PEM chain + PKCS#8 key", bytes(certificates + key));
        SAMPLES.put("PEM leaf + encrypted PKCS#8", bytes(TestPki.readString(dir.resolve("leaf.pem")) + TestPki.readString(dir.resolve("encrypted.key"))));
        SAMPLES.put("PEM leaf + legacy encrypted SEC1", bytes(TestPki.readString(dir.resolve("leaf.pem")) + TestPki.readString(dir.resolve("legacy.key"))));
        SAMPLES.put("SEC1 key", TestPki.read(dir.resolve("sec1.key")));
        SAMPLES.put("certificate DER", Certificates.der(chain.leaf().certificate()));
        SAMPLES.put("CSR DER", csr.der());
        SAMPLES.put("CSR PEM", bytes(Csrs.toPem(csr)));
        SAMPLES.put("PFX modern", TestPki.read(dir.resolve("modern.pfx")));
        SAMPLES.put("PFX legacy", TestPki.read(dir.resolve("legacy.pfx")));
        SAMPLES.put("PFX without MAC", TestPki.read(dir.resolve("nomac.pfx")));
        SAMPLES.put("PKCS#7 PEM", TestPki.read(dir.resolve("chain.p7b")));
        SAMPLES.put("PKCS#7 DER", TestPki.read(dir.resolve("chain.p7b.der")));
        SAMPLES.put("PKCS#7 base64", Base64.getMimeEncoder().encode(TestPki.read(dir.resolve("chain.p7b.der"))));

        PARSERS.put("PemCodec.readCertificates", input -> PemCodec.readCertificates(text(input)));
        PARSERS.put("PemCodec.readPrivateKey", input -> PemCodec.readPrivateKey(text(input), PASSWORD.toCharArray()));
        PARSERS.put("PemCodec.readBundle", input -> PemCodec.readBundle(text(input), PASSWORD.toCharArray()));
        PARSERS.put("Pkcs12Codec.read", input -> Pkcs12Codec.read(input, PASSWORD.toCharArray()));
        PARSERS.put("Pkcs7Codec.read", Pkcs7Codec::read);
        PARSERS.put("Csrs.parse", Csrs::parse);
        PARSERS.put("Certificates.fromDer", Certificates::fromDer);
        PARSERS.put("MergeInput.read", input -> MergeInput.read(List.of(text(input))));
    }

    @Test
    void parsersOnlyEverThrowPkiInputException() {
        Random random = new Random(SEED);
        List<String> failures = new ArrayList<>();
        int inputs = 0;
        for (var sample : SAMPLES.entrySet()) {
            assertThat(parsedByAny(sample.getValue())).as("sample %s parses before mutation", sample.getKey()).isTrue();
            for (int i = 0; i < MUTATIONS_PER_SAMPLE; i++) {
                Mutation mutation = Mutation.values()[random.nextInt(Mutation.values().length)];
                byte[] input = mutation.apply(sample.getValue(), random);
                feed(sample.getKey() + " / " + mutation, input, failures);
                inputs++;
            }
        }
        for (int i = 0; i < RANDOM_INPUTS; i++) {
            byte[] input = new byte[random.nextInt(4096)];
            random.nextBytes(input);
            if (i % 2 == 0 && input.length > 0) {
                input[0] = 0x30; // looks like DER, so the ASN.1 parsers get further
            }
            feed("random #" + i, input, failures);
            inputs++;
        }

        assertThat(inputs).isGreaterThan(2_500);
        assertThat(failures).as("inputs that made a parser throw something other than PkiInputException").isEmpty();
    }

    /**
     * Structural attacks on top of the byte-level ones: changed and huge length fields, thousands of nested
     * SEQUENCEs, garbage after the value, and damaged PEM text and base64 (labels, headers, alphabets, very long
     * lines, too many blocks); see {@link HostileBytes}.
     */
    @Test
    void parsersOnlyEverThrowPkiInputExceptionOnHostileStructures() {
        Random random = new Random(SEED + 1);
        List<String> failures = new ArrayList<>();
        int inputs = 0;
        for (var sample : SAMPLES.entrySet()) {
            byte[] value = sample.getValue();
            String text = text(value);
            for (int i = 0; i < HOSTILE_PER_SAMPLE; i++) {
                byte[] input;
                String how;
                if (text.contains("-----BEGIN")) {
                    var mutation = HostileBytes.PemMutation.values()[random.nextInt(HostileBytes.PemMutation.values().length)];
                    input = bytes(HostileBytes.mutatePem(text, mutation, random));
                    how = "PEM " + mutation;
                } else if (sample.getKey().contains("base64")) {
                    var mutation = HostileBytes.Base64Mutation.values()[random.nextInt(HostileBytes.Base64Mutation.values().length)];
                    input = bytes(HostileBytes.mutateBase64(text.replaceAll("\\s", ""), mutation, random));
                    how = "base64 " + mutation;
                } else {
                    var mutation = HostileBytes.DerMutation.values()[random.nextInt(HostileBytes.DerMutation.values().length)];
                    input = HostileBytes.mutate(value, mutation, random);
                    how = "DER " + mutation;
                }
                feed(sample.getKey() + " / " + how, input, failures);
                inputs++;
            }
        }
        for (int i = 0; i < 50; i++) {
            feed("nested garbage #" + i, HostileBytes.nestedGarbage(random), failures);
            inputs++;
        }

        assertThat(inputs).isGreaterThan(1_000);
        assertThat(failures).as("hostile inputs that made a parser throw something other than PkiInputException").isEmpty();
    }

    @Test
    void sealedDataOnlyEverThrowsEnvelopeException() {
        Random random = new Random(SEED);
        byte[] key = new byte[32];
        random.nextBytes(key);
        EnvelopeEncryption envelope = new EnvelopeEncryption(new KeyEncryptionKeys("k1", Map.of("k1", key)));
        byte[] aad = bytes("vault/name/version");
        byte[] sealed = envelope.seal(bytes("secret"), aad).toBytes();
        List<String> failures = new ArrayList<>();

        for (int i = 0; i < 2_000; i++) {
            Mutation mutation = Mutation.values()[random.nextInt(Mutation.values().length)];
            byte[] input = mutation.apply(sealed, random);
            try {
                envelope.open(SealedData.fromBytes(input), aad);
                assertThat(input).as("only an unchanged encoding opens").isEqualTo(sealed);
            } catch (EnvelopeException expected) {
                assertThat(expected.getMessage()).isNotBlank();
            } catch (RuntimeException e) {
                failures.add(mutation + ": " + e);
            }
        }

        assertThat(failures).isEmpty();
    }

    private static void feed(String what, byte[] input, List<String> failures) {
        for (var parser : PARSERS.entrySet()) {
            try {
                parser.getValue().accept(input);
            } catch (PkiInputException expected) {
                if (expected.getMessage() == null || expected.getMessage().isBlank() || expected.getMessage().contains(PASSWORD)) {
                    failures.add(parser.getKey() + " on " + what + ": bad message '" + expected.getMessage() + "'");
                }
            } catch (Throwable unexpected) {
                if (failures.size() < 20) {
                    failures.add(parser.getKey() + " on " + what + ": " + unexpected + " at " + Arrays.stream(unexpected.getStackTrace()).limit(4).toList()
                            + " input " + Base64.getEncoder().encodeToString(input));
                }
            }
        }
    }

    private static boolean parsedByAny(byte[] input) {
        for (Consumer<byte[]> parser : PARSERS.values()) {
            try {
                parser.accept(input);
                return true;
            } catch (PkiInputException notThisOne) {
                // try the next parser
            }
        }
        return false;
    }

    /** Ways to damage an input; the PEM variant damages the DER inside PEM blocks, which a flip in base64 rarely reaches. */
    private enum Mutation {
        FLIP_BITS {
            @Override
            byte[] apply(byte[] input, Random random) {
                byte[] copy = input.clone();
                for (int flips = 1 + random.nextInt(8); flips > 0; flips--) {
                    copy[random.nextInt(copy.length)] ^= (byte) (1 << random.nextInt(8));
                }
                return copy;
            }
        },
        TRUNCATE {
            @Override
            byte[] apply(byte[] input, Random random) {
                return Arrays.copyOf(input, random.nextInt(input.length));
            }
        },
        INSERT_RANDOM {
            @Override
            byte[] apply(byte[] input, Random random) {
                byte[] chunk = new byte[1 + random.nextInt(16)];
                random.nextBytes(chunk);
                int at = random.nextInt(input.length + 1);
                return HostileBytes.concat(Arrays.copyOf(input, at), chunk, Arrays.copyOfRange(input, at, input.length));
            }
        },
        DUPLICATE_SLICE {
            @Override
            byte[] apply(byte[] input, Random random) {
                int from = random.nextInt(input.length);
                int to = Math.min(input.length, from + 1 + random.nextInt(64));
                return HostileBytes.concat(Arrays.copyOf(input, to), Arrays.copyOfRange(input, from, input.length));
            }
        },
        EXTREME_BYTE {
            @Override
            byte[] apply(byte[] input, Random random) {
                byte[] copy = input.clone();
                copy[random.nextInt(copy.length)] = new byte[] {0x00, (byte) 0x80, (byte) 0x81, (byte) 0x84, (byte) 0xff, 0x7f}[random.nextInt(6)];
                return copy;
            }
        },
        INSIDE_PEM {
            @Override
            byte[] apply(byte[] input, Random random) {
                String text = text(input);
                Matcher matcher = PEM_BODY.matcher(text);
                List<int[]> bodies = new ArrayList<>();
                while (matcher.find()) {
                    bodies.add(new int[] {matcher.start(2), matcher.end(2)});
                }
                if (bodies.isEmpty()) {
                    return values()[random.nextInt(INSIDE_PEM.ordinal())].apply(input, random);
                }
                int[] body = bodies.get(random.nextInt(bodies.size()));
                byte[] der = Base64.getMimeDecoder().decode(text.substring(body[0], body[1]));
                byte[] damaged = values()[random.nextInt(INSIDE_PEM.ordinal())].apply(der, random);
                String encoded = PemCodec.encode(new PemObject("X", damaged)).replaceAll("-----[A-Z ]+-----\\n?", "");
                return bytes(text.substring(0, body[0]) + encoded + text.substring(body[1]));
            }
        };

        abstract byte[] apply(byte[] input, Random random);
    }


    private static String text(byte[] input) {
        return new String(input, StandardCharsets.ISO_8859_1);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }
}
