package io.renewd.domain.guardrails;

import io.renewd.domain.Curve;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What a vault allows its certificates to be (issuance policy, like cert-manager's approver
 * policy). A null member sets no rule; an empty list allows nothing of its kind.
 *
 * @param minRsaKeySize   RSA keys must have at least this many bits (EC keys are not concerned)
 * @param allowedCurves   EC keys must be on one of these curves (RSA keys are not concerned); empty: no EC keys
 * @param maxValidity     no certificate may live longer (notAfter − notBefore); replaces the serverAuth default
 * @param allowedIssuers  issuer names a policy may name: {@code Self}, {@code Unknown} (also imports), vault issuers
 * @param allowedDnsNames every DNS name of a certificate (SANs, and a common name that is a DNS name) must match one
 * @param allowCa         whether CA certificates (key usage keyCertSign) are allowed; null only where a vault set no
 *                        guardrails at all (Key Vault's behaviour): a guardrails document that leaves it out says false
 * @param allowedEkus     extended key usage OIDs a certificate may have; empty: only certificates without EKUs
 * @param allowedSanTypes the kinds of subject alternative names a certificate may carry
 */
public record Guardrails(Integer minRsaKeySize, Set<Curve> allowedCurves, Duration maxValidity, List<String> allowedIssuers,
                         List<DnsNamePattern> allowedDnsNames, Boolean allowCa, List<String> allowedEkus, Set<SanType> allowedSanTypes) {

    /** A vault that set nothing: only the deployment's default for serverAuth certificates applies. */
    public static final Guardrails NONE = new Guardrails(null, null, null, null, null, null, null, null);

    public Guardrails {
        allowedCurves = allowedCurves == null ? null : Set.copyOf(allowedCurves);
        allowedIssuers = allowedIssuers == null ? null : List.copyOf(allowedIssuers);
        allowedDnsNames = allowedDnsNames == null ? null : List.copyOf(allowedDnsNames);
        allowedEkus = allowedEkus == null ? null : List.copyOf(allowedEkus);
        allowedSanTypes = allowedSanTypes == null ? null : Set.copyOf(allowedSanTypes);
    }

    /** Guardrails without rules on CAs, EKUs and SAN types. */
    public Guardrails(Integer minRsaKeySize, Set<Curve> allowedCurves, Duration maxValidity, List<String> allowedIssuers,
                      List<DnsNamePattern> allowedDnsNames) {
        this(minRsaKeySize, allowedCurves, maxValidity, allowedIssuers, allowedDnsNames, null, null, null);
    }

    public boolean isEmpty() {
        return equals(NONE);
    }

    /**
     * The longest validity allowed to a certificate with these extended key usages: the vault's
     * {@code max_validity} when set, else {@code serverAuthDefault} when the EKUs allow TLS server
     * authentication, else none.
     */
    public Optional<ValidityLimit> maxValidityFor(List<String> ekus, Duration serverAuthDefault) {
        if (maxValidity != null) {
            return Optional.of(new ValidityLimit(maxValidity, false));
        }
        if (serverAuthDefault != null && ServerAuth.allowedBy(ekus)) {
            return Optional.of(new ValidityLimit(serverAuthDefault, true));
        }
        return Optional.empty();
    }

    /** A maximum validity, and whether it is the deployment's serverAuth default rather than the vault's own. */
    public record ValidityLimit(Duration maximum, boolean serverAuthDefault) {
    }
}
