package io.renewd.testing;

import io.renewd.domain.Curve;
import io.renewd.domain.KeySpec;
import io.renewd.domain.KeyUsage;
import io.renewd.domain.SubjectAlternativeNames;
import io.renewd.pki.CertificateBundle;
import io.renewd.pki.CertificateIssuance;
import io.renewd.pki.CertificateTemplate;
import io.renewd.pki.KeyPairs;
import io.renewd.pki.PemCodec;
import io.renewd.pki.Pkcs12Codec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/** Certificates and keys for API tests, made with renewd's pki and, where a third party must, with openssl. */
public final class TestCertificates {

    /** A leaf issued by an intermediate issued by a root, with the leaf's key. */
    public record Chain(X509Certificate root, X509Certificate intermediate, X509Certificate leaf, KeyPair leafKey, KeyPair intermediateKey) {

        public CertificateBundle bundle() {
            return new CertificateBundle(leaf, List.of(intermediate, root), leafKey.getPrivate());
        }

        public String pem() {
            return PemCodec.write(bundle());
        }

        public String pfxBase64(String password) {
            return Base64.getEncoder().encodeToString(Pkcs12Codec.write(bundle(), "leaf", password.toCharArray()));
        }
    }

    private TestCertificates() {
    }

    public static Chain chain(String leafSubject, KeySpec leafKey, Instant notBefore, Instant notAfter) {
        return chain(leafSubject, List.of("imported.example.com"), List.of("1.3.6.1.5.5.7.3.1"), leafKey, notBefore, notAfter);
    }

    /** A chain whose leaf has these DNS names and extended key usages. */
    public static Chain chain(String leafSubject, List<String> dnsNames, List<String> ekus, KeySpec leafKey, Instant notBefore, Instant notAfter) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        KeyPair rootKey = KeyPairs.generate(new KeySpec.Ec(Curve.P_384));
        X509Certificate root = CertificateIssuance.selfSigned(rootKey, ca("CN=Test Root", now));
        KeyPair intermediateKey = KeyPairs.generate(new KeySpec.Ec(Curve.P_256));
        X509Certificate intermediate = CertificateIssuance.signedBy(intermediateKey.getPublic(), ca("CN=Test Intermediate", now), root, rootKey.getPrivate());
        KeyPair key = KeyPairs.generate(leafKey);
        var template = new CertificateTemplate(leafSubject, new SubjectAlternativeNames(dnsNames, null, null, null),
                Set.of(KeyUsage.DIGITAL_SIGNATURE), ekus, notBefore, notAfter, false, null);
        X509Certificate leaf = CertificateIssuance.signedBy(key.getPublic(), template, intermediate, intermediateKey.getPrivate());
        return new Chain(root, intermediate, leaf, key, intermediateKey);
    }

    /**
     * A chain whose serverAuth leaf is valid for 180 days, from yesterday: within the 200-day
     * default guardrail of serverAuth certificates (its policy derives validity_months 5).
     */
    public static Chain validChain(String leafSubject, KeySpec leafKey) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        return chain(leafSubject, leafKey, now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(179)));
    }

    private static CertificateTemplate ca(String subject, Instant now) {
        return new CertificateTemplate(subject, null, Set.of(KeyUsage.KEY_CERT_SIGN, KeyUsage.CRL_SIGN), List.of(),
                now.minus(Duration.ofDays(2)), now.plus(Duration.ofDays(3650)), true, null);
    }

    /** The chain as a legacy PFX (3DES key, RC2 certificates, SHA-1 MAC) made by {@code openssl pkcs12 -export -legacy}. */
    public static String legacyPfxBase64(Chain chain, String password) {
        try {
            Path dir = Files.createTempDirectory("legacy-pfx");
            Files.writeString(dir.resolve("leaf.pem"), PemCodec.writeCertificates(List.of(chain.leaf())) + PemCodec.writePrivateKey(chain.leafKey().getPrivate()));
            Files.writeString(dir.resolve("chain.pem"), PemCodec.writeCertificates(List.of(chain.intermediate(), chain.root())));
            Process process = new ProcessBuilder("openssl", "pkcs12", "-export", "-legacy", "-in", "leaf.pem", "-certfile", "chain.pem",
                    "-out", "legacy.pfx", "-passout", "pass:" + password).directory(dir.toFile()).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new AssertionError("openssl pkcs12 -legacy failed: " + output);
            }
            return Base64.getEncoder().encodeToString(Files.readAllBytes(dir.resolve("legacy.pfx")));
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
