package io.renewd.issuer.acme;

import io.renewd.domain.Curve;
import io.renewd.domain.IssuerCredentials;
import io.renewd.domain.IssuerProvider;
import io.renewd.domain.KeySpec;
import io.renewd.domain.SubjectAlternativeNames;
import io.renewd.issuer.IssueRequest;
import io.renewd.pki.CertificateTemplate;
import io.renewd.pki.Csrs;
import io.renewd.pki.KeyPairs;

import java.net.URI;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * A certificate's pending operation as the renewer would hand it to the issuer: one key pair and
 * CSR for the whole operation, and a fresh {@link IssueRequest} for every call (as after a restart).
 */
record AcmeRequests(String vault, String name, String requestId, String issuer, IssuerProvider.Acme provider,
                    Optional<IssuerCredentials> credentials, CertificateTemplate template, KeyPair keys, byte[] csr) {

    static AcmeRequests forNames(String vault, String issuer, URI directoryUrl, Optional<IssuerCredentials> credentials,
                                 SubjectAlternativeNames names) {
        Instant now = Instant.now();
        KeyPair keys = KeyPairs.generate(new KeySpec.Ec(Curve.P_256));
        var template = new CertificateTemplate("CN=" + names.dnsNames().stream().findFirst().orElse("renewd test"), names,
                Set.of(), List.of("1.3.6.1.5.5.7.3.1"), now, now.plus(Duration.ofDays(90)), false, null);
        return new AcmeRequests(vault, "web-" + UUID.randomUUID().toString().substring(0, 8), UUID.randomUUID().toString(), issuer,
                new IssuerProvider.Acme(directoryUrl.toString(), "pki@renewd.test", null), credentials, template, keys, Csrs.create(keys, template).der());
    }

    static AcmeRequests forDnsName(String vault, String issuer, URI directoryUrl, Optional<IssuerCredentials> credentials, String dnsName) {
        return forNames(vault, issuer, directoryUrl, credentials, new SubjectAlternativeNames(List.of(dnsName), null, null, null));
    }

    IssueRequest first() {
        return call(Optional.empty(), 1);
    }

    /** A later call of attempt {@code attempt}, with the state the renewer stored from the last in-progress answer. */
    IssueRequest resuming(String state, int attempt) {
        return call(Optional.of(state), attempt);
    }

    private IssueRequest call(Optional<String> resumeState, int attempt) {
        return new IssueRequest(vault, name, requestId, issuer, Optional.of(provider), credentials, template, keys, csr, resumeState, attempt, Optional.empty());
    }
}
