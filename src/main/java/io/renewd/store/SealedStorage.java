package io.renewd.store;

import io.renewd.config.KeyEncryptionConfig;
import io.renewd.pki.EnvelopeEncryption;
import io.renewd.pki.KeyEncryptionKeys;
import io.renewd.pki.SealedData;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;

/**
 * Seals what must never be stored in clear (private keys, issuer credentials) under the
 * configured key-encryption keys. Each sealed value is bound to its context (e.g.
 * {@code key:vault/name/version}) so it cannot be moved to another row and opened there.
 */
@ApplicationScoped
public class SealedStorage {

    private final EnvelopeEncryption encryption;
    private final String activeKekId;

    SealedStorage(KeyEncryptionConfig config) {
        String keys = config.keys().orElseGet(() -> config.keysFile().map(path -> {
            try {
                return Files.readString(path).strip();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read renewd.kek.keys-file " + path, e);
            }
        }).orElseThrow(() -> new IllegalStateException(
                "no key-encryption keys: set renewd.kek.keys (RENEWD_KEK_KEYS) or renewd.kek.keys-file (RENEWD_KEK_KEYS_FILE)")));
        KeyEncryptionKeys keyEncryptionKeys = KeyEncryptionKeys.parse(keys, config.active());
        this.encryption = new EnvelopeEncryption(keyEncryptionKeys);
        this.activeKekId = keyEncryptionKeys.activeId();
    }

    public byte[] seal(byte[] plaintext, String context) {
        return encryption.seal(plaintext, context.getBytes(StandardCharsets.UTF_8)).toBytes();
    }

    public byte[] open(byte[] sealed, String context) {
        return encryption.open(SealedData.fromBytes(sealed), context.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The same sealed value with its data key wrapped under the active KEK, or empty when it
     * already is (rotation re-wraps data keys; ciphertexts stay as they are).
     */
    public java.util.Optional<byte[]> rewrap(byte[] sealed) {
        SealedData data = SealedData.fromBytes(sealed);
        if (data.kekId().equals(activeKekId)) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(encryption.rewrap(data).toBytes());
    }

    public String activeKekId() {
        return activeKekId;
    }

    /** Context of a certificate version's private key. */
    public static String privateKeyContext(String vault, String name, String version) {
        return "key:" + vault + "/" + name + "/" + version;
    }

    /** Context of the key of a certificate's pending operation (before it has a version). */
    public static String pendingKeyContext(String vault, String name, String requestId) {
        return "pending-key:" + vault + "/" + name + "/" + requestId;
    }

    /** Context of the TSIG secrets of an issuer's dns01 solvers. */
    public static String solverSecretsContext(String vault, String issuer) {
        return "issuer-solver-secrets:" + vault + "/" + issuer;
    }

    /** Context of the TSIG secret kept with a DNS-01 record until renewd has removed it. */
    public static String dnsRecordContext(String nameserver, String tsigKeyName) {
        return "acme-dns-record:" + nameserver + "/" + tsigKeyName;
    }

    public static String issuerCredentialsContext(String vault, String issuer) {
        return "issuer-credentials:" + vault + "/" + issuer;
    }
}
