package io.renewd.application.certificates;

import io.renewd.domain.KeyOperations;
import io.renewd.pki.CertificateFactsReader;
import io.renewd.store.Certificates;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/** The addressable key of a certificate version; its operations follow the certificate's key usage. */
@ApplicationScoped
public class ReadKey {

    private final CertificateQueries queries;

    ReadKey(CertificateQueries queries) {
        this.queries = queries;
    }

    /** {@code version} null or empty: the current one. */
    @Transactional
    public KeyView execute(String vault, String name, String version) {
        CertificateView certificate = queries.get(vault, name);
        VersionView view = version == null || version.isEmpty()
                ? certificate.current().orElseThrow(() -> io.renewd.application.Failure.notFound("KeyNotFound",
                        "vault '" + vault + "' has no key '" + name + "' yet"))
                : queries.version(vault, name, version);
        var leaf = Certificates.fromDer(view.der());
        return new KeyView(certificate, view, leaf.getPublicKey(), KeyOperations.of(CertificateFactsReader.read(leaf).keyUsage()));
    }
}
