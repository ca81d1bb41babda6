package io.renewd.issuer;

import io.renewd.domain.IssuerCredentials;
import io.renewd.domain.IssuerProvider;
import io.renewd.pki.CertificateTemplate;

import java.security.KeyPair;
import java.util.Optional;

/**
 * What an issuer needs for one pending operation.
 *
 * @param vault        the certificate's vault
 * @param name         the certificate's name
 * @param requestId    the pending operation's request id: stable across retries of one operation
 * @param issuerName   the issuer named in the policy ({@code Self} or a vault issuer's name)
 * @param provider     the named issuer's provider settings; empty for {@code Self}
 * @param credentials  the named issuer's credentials (ACME: External Account Binding), opened; never log them
 * @param template     subject, SANs, key usage, EKUs and validity from the policy
 * @param keys         the new version's key pair (the private key is needed only by {@code Self})
 * @param csrDer       the PKCS#10 request for {@code keys} and {@code template}
 * @param resumeState  what the last {@link IssueResult.InProgress} answered (an ACME order URL); empty at first
 * @param attempt      1 for the first attempt of this operation
 * @param signer       the CA that signs, for a {@code ca} issuer; empty for every other issuer
 */
public record IssueRequest(String vault, String name, String requestId, String issuerName, Optional<IssuerProvider> provider,
                           Optional<IssuerCredentials> credentials, CertificateTemplate template, KeyPair keys, byte[] csrDer,
                           Optional<String> resumeState, int attempt, Optional<Signer> signer) {
}
