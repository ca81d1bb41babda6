package io.renewd.application.certificates;

import io.renewd.application.Failure;
import io.renewd.domain.SecretContentType;
import io.renewd.pki.CertificateBundle;
import io.renewd.pki.PemCodec;
import io.renewd.pki.Pkcs12Codec;
import io.renewd.store.CertificateEntity;
import io.renewd.store.CertificateVersionEntity;
import io.renewd.store.Certificates;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;

/**
 * The addressable secret of a certificate version: PFX (base64, no password) or PEM, per the
 * policy's content type, with the chain. Only an exportable key leaves renewd: otherwise the
 * secret is the public chain as PEM.
 * A disabled version's secret cannot be read.
 */
@ApplicationScoped
public class ReadSecret {

    private final CertificateQueries queries;
    private final KeyPairSource keys;

    ReadSecret(CertificateQueries queries, KeyPairSource keys) {
        this.queries = queries;
        this.keys = keys;
    }

    /** {@code version} null or empty: the current one. */
    @Transactional
    public SecretContent execute(String vault, String name, String version) {
        CertificateEntity certificate = queries.live(vault, name);
        CertificateVersionEntity row = (version == null || version.isEmpty()
                ? CertificateVersionEntity.latest(certificate.id)
                : CertificateVersionEntity.findVersion(certificate.id, version))
                .orElseThrow(() -> Failure.notFound("SecretNotFound", "vault '" + vault + "' has no secret '" + name + "'"
                        + (version == null || version.isEmpty() ? "" : " of version '" + version + "'")));
        if (!row.enabled) {
            throw new Failure(Failure.Kind.FORBIDDEN, "Forbidden", "certificate '" + name + "' version " + row.version
                    + " is disabled: its secret cannot be read");
        }
        CertificateView view = queries.view(queries.vaultOf(vault), certificate);
        X509Certificate leaf = Certificates.fromDer(row.der);
        List<X509Certificate> chain = Certificates.fromConcatenatedDer(row.chain);
        PrivateKey privateKey = row.exportable ? keys.keyPairOf(certificate, row).getPrivate() : null;
        // preserveCertOrder: PEM keeps the order the certificates were given in; a PFX holds the key's chain leaf first.
        List<X509Certificate> pemOrder = row.presentedChain == null ? concat(leaf, chain) : Certificates.fromConcatenatedDer(row.presentedChain);
        if (privateKey == null) {
            // Without the key there is nothing for a PFX to protect: the public chain comes as PEM.
            return new SecretContent(view, CertificateQueries.versionView(row), SecretContentType.PEM,
                    PemCodec.writeCertificates(pemOrder), false);
        }
        var bundle = new CertificateBundle(leaf, chain, privateKey);
        SecretContentType type = view.policy().contentType();
        String value = switch (type) {
            case PEM -> PemCodec.writePrivateKey(privateKey) + PemCodec.writeCertificates(pemOrder);
            case PKCS12 -> Base64.getEncoder().encodeToString(Pkcs12Codec.write(bundle, certificate.name, new char[0]));
        };
        return new SecretContent(view, CertificateQueries.versionView(row), type, value, true);
    }

    private static List<X509Certificate> concat(X509Certificate leaf, List<X509Certificate> chain) {
        var all = new java.util.ArrayList<X509Certificate>();
        all.add(leaf);
        all.addAll(chain);
        return all;
    }
}
