package io.renewd.domain;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.renewd.domain.acme.AcmeCa;
import io.renewd.domain.acme.AcmeSolver;

import java.net.URI;
import java.util.List;

/**
 * How a named issuer obtains certificates: one record per provider, the one shape the API
 * ({@code acme}, {@code ca} members), the stored settings and the issuer adapters use. A record as
 * sent may miss members (PATCH sends some); {@link IssuerRules} makes the complete one that is stored.
 */
public sealed interface IssuerProvider {

    String name();

    /**
     * An RFC 8555 ACME CA; commercial CAs use External Account Binding (the issuer's credentials).
     * {@code solvers} prove control of names, the most specific selector winning; none: HTTP-01 for every name.
     * {@code profile}: the CA's certificate profile new orders ask for (draft-ietf-acme-profiles, e.g. Let's Encrypt's
     * {@code shortlived}); none: the CA's default.
     * {@code ca} is the CA the issuer's provider name stands for ({@code acme}: any, at {@code directory_url}); it is the
     * {@code provider} member and the row's provider, so it is no member of the {@code acme} JSON.
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Acme(String directoryUrl, String contact, List<AcmeSolver> solvers, String profile, @JsonIgnore AcmeCa ca)
            implements IssuerProvider {
        public static final String NAME = "acme";

        public Acme {
            solvers = solvers == null ? null : List.copyOf(solvers);
            ca = ca == null ? AcmeCa.ANY : ca;
        }

        /** Provider {@code acme}: any RFC 8555 CA, asked for its default profile. */
        public Acme(String directoryUrl, String contact, List<AcmeSolver> solvers) {
            this(directoryUrl, contact, solvers, null, AcmeCa.ANY);
        }

        @Override
        @JsonIgnore
        public String name() {
            return NAME;
        }

        /** The directory URL as a URI ({@link IssuerRules} has checked it is one). */
        public URI directory() {
            return URI.create(directoryUrl);
        }

        /** The solvers that apply: those set, or HTTP-01 for every name. */
        public List<AcmeSolver> effectiveSolvers() {
            return solvers == null || solvers.isEmpty() ? List.of(AcmeSolver.HTTP01_FOR_ALL) : solvers;
        }

        /**
         * This record's members where present, {@code base}'s elsewhere. A list of solvers is replaced
         * whole, but a dns01 solver sent without its TSIG secret keeps the secret of base's solver with the same key name.
         */
        public Acme over(Acme base) {
            if (base == null) {
                return this;
            }
            List<AcmeSolver> merged = solvers == null ? base.solvers
                    : solvers.stream().map(s -> s == null ? null : s.keepingSecretOf(base.solvers)).toList();
            return new Acme(directoryUrl != null ? directoryUrl : base.directoryUrl,
                    contact != null ? contact : base.contact, merged, profile != null ? profile : base.profile, base.ca);
        }

        /** The same settings for the CA {@code named}. */
        public Acme of(AcmeCa named) {
            return new Acme(directoryUrl, contact, solvers, profile, named);
        }
    }

    /**
     * An internal CA: a certificate of the same vault, with keyCertSign and its private key, signs.
     * It signs end-entity certificates only, unless {@code allowCa} (set by a vault Administrator):
     * then CA certificates too, each with pathLenConstraint {@code maxPathLength}.
     * {@code cascade}: whether a new version of the CA certificate re-issues the leaves its previous version signed.
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record InternalCa(String certificateName, Boolean allowCa, Integer maxPathLength, Cascade cascade) implements IssuerProvider {
        public static final String NAME = "ca";

        /** The highest max_path_length accepted: deeper CA hierarchies have no use in a vault. */
        public static final int MAX_PATH_LENGTH = 8;

        /** An issuer that signs end-entity certificates only, with the default cascade. */
        public InternalCa(String certificateName) {
            this(certificateName, false, null, Cascade.DEFAULT);
        }

        /** Why this issuer does not sign a policy asking for a CA certificate (when the policy is set, and at issuance). */
        public static String caRefusal(String issuerName) {
            return "issuer '" + issuerName + "' signs end-entity certificates only: the policy asks for a CA certificate (key_usage "
                    + "keyCertSign) and the issuer's ca.allow_ca is not true (a vault Administrator may set it, with ca.max_path_length)";
        }

        @Override
        @JsonIgnore
        public String name() {
            return NAME;
        }

        /** Whether it may sign CA certificates. */
        public boolean signsCas() {
            return Boolean.TRUE.equals(allowCa);
        }

        /** The cascade as it applies: settings stored before the cascade existed have it on, with the default spread. */
        public Cascade effectiveCascade() {
            return cascade == null ? Cascade.DEFAULT : cascade.over(Cascade.DEFAULT);
        }

        /** This record's members where present, {@code base}'s elsewhere; allow_ca false drops the path length with it. */
        public InternalCa over(InternalCa base) {
            if (base == null) {
                return this;
            }
            boolean keepPathLength = !Boolean.FALSE.equals(allowCa);
            return new InternalCa(certificateName != null ? certificateName : base.certificateName,
                    allowCa != null ? allowCa : base.allowCa,
                    maxPathLength != null || !keepPathLength ? maxPathLength : base.maxPathLength,
                    cascade != null ? cascade.over(base.cascade) : base.cascade);
        }
    }

    /**
     * A provider renewd has no adapter for ({@code Test}, {@code OneCertV2-PublicCA}, a partner CA of Key Vault's): Key Vault
     * stores such an issuer with its credentials and org_details, so renewd does too. Nothing issues through it: a certificate
     * naming it fails at issuance, naming {@code provider} (as the user spelled it) for a person to act.
     */
    record Unsupported(String provider) implements IssuerProvider {
        /** The longest provider name stored. */
        public static final int MAX_LENGTH = 128;

        @Override
        public String name() {
            return provider;
        }

        /** Why a certificate of issuer {@code issuerName} was not issued. */
        public String refusal(String issuerName) {
            return "issuer '" + issuerName + "' has provider '" + provider + "', for which renewd has no adapter: nothing issues through it. "
                    + "Use provider acme, ca or " + AcmeCa.namedCas() + ", or issuer Unknown and merge what your CA signs";
        }
    }

    /**
     * CA rotation cascade of a {@code ca} issuer: when its CA certificate gets a new version, the leaves of this issuer that
     * the previous version signed are re-issued, their first attempts spread evenly over {@code spread} (an ISO-8601 duration,
     * kept as sent until {@link IssuerRules} has checked it, then in {@link java.time.Duration}'s own spelling).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Cascade(Boolean enabled, String spread) {
        /** On, over an hour: what an issuer without cascade settings does. */
        public static final Cascade DEFAULT = new Cascade(true, "PT1H");

        /** This record's members where present, {@code base}'s elsewhere. */
        public Cascade over(Cascade base) {
            if (base == null) {
                return this;
            }
            return new Cascade(enabled != null ? enabled : base.enabled, spread != null ? spread : base.spread);
        }

        /** Whether a rotation of the CA re-issues this issuer's leaves. */
        public boolean on() {
            return Boolean.TRUE.equals(enabled);
        }

        /** The spread of a checked cascade. */
        public java.time.Duration spreadDuration() {
            return java.time.Duration.parse(spread);
        }
    }
}
