package io.renewd.domain.acme;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * One entry of an acme issuer's {@code solvers}, like cert-manager's: how to prove control of
 * names (exactly one method member: {@code http01} or {@code dns01}), and which names it is for
 * ({@code selector}; none: every name). {@link SolverSelection} picks the most specific one.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AcmeSolver(Http01 http01, Dns01 dns01, Selector selector) {

    /** What an issuer without solvers uses. */
    public static final AcmeSolver HTTP01_FOR_ALL = new AcmeSolver(new Http01(), null, null);

    /** The method member that is set, or null when none or both are ({@link io.renewd.domain.IssuerRules} refuses that). */
    @JsonIgnore
    public ChallengeMethod method() {
        if (http01 != null && dns01 != null) {
            return null;
        }
        return http01 != null ? http01 : dns01;
    }

    /** This solver with its dns01 TSIG secret taken from {@code base}'s solvers when it was not sent (a PATCH keeps a secret GET never shows). */
    public AcmeSolver keepingSecretOf(List<AcmeSolver> base) {
        if (dns01 == null || dns01.rfc2136() == null || dns01.rfc2136().tsigSecret() != null || base == null) {
            return this;
        }
        return base.stream()
                .filter(old -> old != null && old.dns01 != null && old.dns01.rfc2136() != null)
                .map(old -> old.dns01.rfc2136())
                .filter(old -> old.sameKey(dns01.rfc2136()))
                .findFirst()
                .map(old -> new AcmeSolver(http01, dns01.withSecret(old.tsigSecret()), selector))
                .orElse(this);
    }

    /** How a solver proves control of a name: one record per ACME challenge type renewd answers. */
    public sealed interface ChallengeMethod permits Http01, Dns01 {

        /** The challenge type as RFC 8555 names it. */
        String challengeType();

        /** Whether this method can prove {@code identifier} at all (HTTP-01 cannot prove wildcards, RFC 8555 section 7.1.3). */
        boolean proves(String identifier);
    }

    /** HTTP-01: renewd serves the key authorization on its challenge listener; no settings. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Http01() implements ChallengeMethod {
        @Override
        public String challengeType() {
            return "http-01";
        }

        @Override
        public boolean proves(String identifier) {
            return !identifier.startsWith("*.");
        }
    }

    /**
     * DNS-01 (RFC 8555 section 8.4): renewd writes the {@code _acme-challenge} TXT record through
     * {@code rfc2136} and asks the CA to validate once every server of {@code check_nameservers}
     * (none: the zone's authoritative servers, from its NS records) answers it, failing after
     * {@code propagation_timeout} (an ISO-8601 duration; none: {@link #DEFAULT_PROPAGATION_TIMEOUT}).
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Dns01(Rfc2136 rfc2136, List<String> checkNameservers, String propagationTimeout) implements ChallengeMethod {

        public static final Duration DEFAULT_PROPAGATION_TIMEOUT = Duration.ofMinutes(5);

        public Dns01 {
            checkNameservers = checkNameservers == null ? null : List.copyOf(checkNameservers);
        }

        @Override
        public String challengeType() {
            return "dns-01";
        }

        @Override
        public boolean proves(String identifier) {
            return true;
        }

        /** How long renewd waits for the record to be visible ({@link io.renewd.domain.IssuerRules} has checked the text). */
        public Duration timeout() {
            return propagationTimeout == null ? DEFAULT_PROPAGATION_TIMEOUT : Duration.parse(propagationTimeout);
        }

        Dns01 withSecret(String secret) {
            return new Dns01(rfc2136.withSecret(secret), checkNameservers, propagationTimeout);
        }
    }

    /**
     * An RFC 2136 dynamic update server ({@code host:port}; port 53 when absent) and the TSIG key
     * it accepts updates signed with. {@code zone} absent: the zone is found from the SOA. The
     * secret (base64) is written only: it is sealed when stored, never shown ({@code tsig_secret_set}
     * says whether there is one) and never in {@link #toString()}.
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Rfc2136(String nameserver, String zone, String tsigKeyName, String tsigAlgorithm,
                          @JsonProperty(access = JsonProperty.Access.WRITE_ONLY) String tsigSecret) {

        public static final String DEFAULT_ALGORITHM = "hmac-sha256";

        /** Shown instead of the secret. */
        @JsonProperty(value = "tsig_secret_set", access = JsonProperty.Access.READ_ONLY)
        public boolean tsigSecretSet() {
            return tsigSecret != null;
        }

        /** The algorithm, lower case, {@link #DEFAULT_ALGORITHM} when not given. */
        public String algorithm() {
            return tsigAlgorithm == null ? DEFAULT_ALGORITHM : tsigAlgorithm.toLowerCase(Locale.ROOT);
        }

        public Rfc2136 withSecret(String secret) {
            return new Rfc2136(nameserver, zone, tsigKeyName, tsigAlgorithm, secret);
        }

        boolean sameKey(Rfc2136 other) {
            return tsigKeyName != null && other.tsigKeyName != null && tsigKeyName.equalsIgnoreCase(other.tsigKeyName);
        }

        @Override
        public String toString() {
            return "Rfc2136[nameserver=" + nameserver + ", zone=" + zone + ", tsigKeyName=" + tsigKeyName + ", tsigAlgorithm="
                    + tsigAlgorithm + ", tsigSecret=" + (tsigSecret == null ? "none" : "(set)") + "]";
        }
    }

    /** Which names a solver is for: listed names exactly, or any name in (or under) a listed zone. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Selector(List<String> dnsNames, List<String> dnsZones) {
        public Selector {
            dnsNames = dnsNames == null ? null : List.copyOf(dnsNames);
            dnsZones = dnsZones == null ? null : List.copyOf(dnsZones);
        }
    }
}
