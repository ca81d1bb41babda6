package io.renewd.domain.guardrails;

import io.renewd.domain.Curve;
import io.renewd.domain.Durations;

import java.util.List;

/**
 * Guardrails as a user sends them (PUT replaces them all): any member may be absent (null),
 * which sets no rule. {@code maxValidity} is an ISO-8601 duration ({@code P200D}, {@code PT24H}).
 */
public record GuardrailsDraft(Integer minRsaKeySize, List<String> allowedCurves, String maxValidity, List<String> allowedIssuers,
                              List<String> allowedDnsNames, Boolean allowCa, List<String> allowedEkus, List<String> allowedSanTypes) {

    /** A draft without rules on CAs, EKUs and SAN types (allow_ca is then false, as in any guardrails document that leaves it out). */
    public GuardrailsDraft(Integer minRsaKeySize, List<String> allowedCurves, String maxValidity, List<String> allowedIssuers,
                           List<String> allowedDnsNames) {
        this(minRsaKeySize, allowedCurves, maxValidity, allowedIssuers, allowedDnsNames, null, null, null);
    }

    /** The draft that describes {@code guardrails} exactly (how they are stored and shown). */
    public static GuardrailsDraft of(Guardrails guardrails) {
        return new GuardrailsDraft(guardrails.minRsaKeySize(),
                guardrails.allowedCurves() == null ? null
                        : guardrails.allowedCurves().stream().sorted().map(Curve::wireName).toList(),
                guardrails.maxValidity() == null ? null : Durations.iso(guardrails.maxValidity()),
                guardrails.allowedIssuers(),
                guardrails.allowedDnsNames() == null ? null : guardrails.allowedDnsNames().stream().map(DnsNamePattern::text).toList(),
                guardrails.allowCa(), guardrails.allowedEkus(),
                guardrails.allowedSanTypes() == null ? null : guardrails.allowedSanTypes().stream().sorted().map(SanType::wireName).toList());
    }
}
