package io.renewd.cli;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;

/** The TLS context: the JDK's trusted CAs, or with {@code --cacert FILE} exactly the CA certificates in that PEM file, as curl does. */
final class TrustedCertificates {

    private TrustedCertificates() {
    }

    static SSLContext context(Path caFile) {
        try {
            if (caFile == null) {
                return SSLContext.getDefault();
            }
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            int n = 0;
            try (InputStream in = Files.newInputStream(caFile)) {
                for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                    store.setCertificateEntry("ca-" + n++, certificate);
                }
            }
            if (n == 0) {
                throw CliFailure.usage("--cacert " + caFile + " holds no certificate (give a PEM file)");
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (IOException e) {
            throw CliFailure.usage("cannot read --cacert " + caFile + ": " + e.getMessage());
        } catch (GeneralSecurityException e) {
            throw CliFailure.usage("--cacert " + caFile + " is not a PEM certificate file: " + e.getMessage());
        }
    }
}
