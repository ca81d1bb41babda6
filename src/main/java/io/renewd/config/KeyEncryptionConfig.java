package io.renewd.config;

import io.smallrye.config.ConfigMapping;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The key-encryption keys (KEKs) that seal private keys and issuer credentials at rest
 * (AES-256-GCM envelope encryption). Give them inline or in a file (a mounted Kubernetes
 * secret), as {@code id:base64-of-32-bytes} entries separated by commas. New data is sealed
 * with the active one; the others still open what they sealed (KEK rotation).
 */
@ConfigMapping(prefix = "renewd.kek")
public interface KeyEncryptionConfig {

    /** The keys inline, e.g. {@code k1:3q2+7w==…,k2:…}. No default: renewd refuses to start without keys. */
    Optional<String> keys();

    /** A file holding the keys in the same form; used when {@code renewd.kek.keys} is not set. */
    Optional<Path> keysFile();

    /** The id of the key that seals new data. */
    String active();
}
