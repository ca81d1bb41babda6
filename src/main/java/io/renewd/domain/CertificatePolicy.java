package io.renewd.domain;

import java.util.List;

/**
 * How to make the next version of a certificate, shared by all its versions. Only
 * {@link PolicyValidator} builds one from user input, so a policy is always valid.
 */
public record CertificatePolicy(
        KeyProperties key,
        SecretContentType contentType,
        X509Properties x509,
        List<LifetimeAction> lifetimeActions,
        IssuerReference issuer,
        boolean enabled) {

    public CertificatePolicy {
        lifetimeActions = List.copyOf(lifetimeActions);
    }
}
