package io.renewd.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;

/** PKCS#12 trust stores for renewd's {@code renewd.acme.trust-store}, written as a running renewd may read them. */
public final class TrustStores {

    private TrustStores() {
    }

    /** Adds {@code certificate} to the PKCS#12 trust store at {@code file} (made if absent), replacing the file in one step; answers its absolute path. */
    public static synchronized Path add(Path file, char[] password, String alias, X509Certificate certificate)
            throws IOException, GeneralSecurityException {
        Path path = file.toAbsolutePath();
        KeyStore store = KeyStore.getInstance("PKCS12");
        if (Files.exists(path)) {
            try (InputStream in = Files.newInputStream(path)) {
                store.load(in, password);
            }
        } else {
            store.load(null, null);
        }
        store.setCertificateEntry(alias, certificate);
        Files.createDirectories(path.getParent());
        // Replace the file in one step: renewd may read it at any moment.
        Path written = Files.createTempFile(path.getParent(), "truststore-", ".p12");
        try (OutputStream out = Files.newOutputStream(written)) {
            store.store(out, password);
        }
        Files.move(written, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return path;
    }
}
