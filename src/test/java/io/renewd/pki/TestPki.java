package io.renewd.pki;

import io.renewd.domain.Curve;
import io.renewd.domain.KeySpec;
import io.renewd.domain.KeyUsage;
import io.renewd.domain.SubjectAlternativeNames;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/** Certificates and keys for tests, made with the code under test. */
final class TestPki {

    static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
    static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";
    static final KeySpec RSA = new KeySpec.Rsa(2048);
    static final KeySpec P256 = new KeySpec.Ec(Curve.P_256);
    static final KeySpec P384 = new KeySpec.Ec(Curve.P_384);

    /** A certificate with its key pair. */
    record Issued(KeyPair keys, X509Certificate certificate) {
    }

    /** Root, intermediate and leaf, each with its key. */
    record Chain(Issued root, Issued intermediate, Issued leaf) {
    }

    private TestPki() {
    }

    static CertificateTemplate caTemplate(String subject, Integer pathLength) {
        return new CertificateTemplate(subject, SubjectAlternativeNames.NONE, Set.of(KeyUsage.KEY_CERT_SIGN, KeyUsage.CRL_SIGN),
                List.of(), now().minus(Duration.ofMinutes(5)), now().plus(Duration.ofDays(365)), true, pathLength);
    }

    static CertificateTemplate leafTemplate(String subject, SubjectAlternativeNames sans) {
        return new CertificateTemplate(subject, sans, Set.of(KeyUsage.DIGITAL_SIGNATURE, KeyUsage.KEY_ENCIPHERMENT),
                List.of(SERVER_AUTH, CLIENT_AUTH), now().minus(Duration.ofMinutes(5)), now().plus(Duration.ofDays(90)), false, null);
    }

    static SubjectAlternativeNames sans() {
        return new SubjectAlternativeNames(List.of("web.example.com", "api.example.com"), List.of("ops@example.com"),
                List.of("svc@corp.example.com"), List.of("10.0.0.7", "2001:db8::1"));
    }

    static Issued root(KeySpec spec) {
        KeyPair keys = KeyPairs.generate(spec);
        return new Issued(keys, CertificateIssuance.selfSigned(keys, caTemplate("CN=Test Root,O=Acme", null)));
    }

    static Issued issue(Issued issuer, KeySpec spec, CertificateTemplate template) {
        KeyPair keys = KeyPairs.generate(spec);
        return new Issued(keys, CertificateIssuance.signedBy(keys.getPublic(), template, issuer.certificate(), issuer.keys().getPrivate()));
    }

    static Chain chain(KeySpec rootSpec, KeySpec intermediateSpec, KeySpec leafSpec) {
        Issued root = root(rootSpec);
        Issued intermediate = issue(root, intermediateSpec, caTemplate("CN=Test Intermediate,O=Acme", 0));
        Issued leaf = issue(intermediate, leafSpec, leafTemplate("CN=web.example.com,O=Acme", sans()));
        return new Chain(root, intermediate, leaf);
    }

    static Instant now() {
        return Instant.now();
    }

    static Path write(Path directory, String name, String content) {
        try {
            return Files.writeString(directory.resolve(name), content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path write(Path directory, String name, byte[] content) {
        try {
            return Files.write(directory.resolve(name), content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String readString(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
