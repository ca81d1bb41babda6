package io.renewd.domain;

import java.net.URI;

/** How a named issuer obtains certificates. */
public sealed interface IssuerProvider {

    String name();

    /** An RFC 8555 ACME CA; commercial CAs use External Account Binding (the issuer's credentials). */
    record Acme(URI directoryUrl, String contact) implements IssuerProvider {
        public static final String NAME = "acme";

        @Override
        public String name() {
            return NAME;
        }
    }

    /**
     * An internal CA: a certificate of the same vault, with keyCertSign and its private key, signs.
     * It signs end-entity certificates only, unless {@code allowCa} (set by a vault Administrator):
     * then CA certificates too, each with pathLenConstraint {@code maxPathLength}.
     */
    record InternalCa(String certificateName, boolean allowCa, Integer maxPathLength) implements IssuerProvider {
        public static final String NAME = "ca";

        /** The highest max_path_length accepted: deeper CA hierarchies have no use in a vault. */
        public static final int MAX_PATH_LENGTH = 8;

        /** An issuer that signs end-entity certificates only. */
        public InternalCa(String certificateName) {
            this(certificateName, false, null);
        }

        /** Why this issuer does not sign a policy asking for a CA certificate (when the policy is set, and at issuance). */
        public static String caRefusal(String issuerName) {
            return "issuer '" + issuerName + "' signs end-entity certificates only: the policy asks for a CA certificate (key_usage "
                    + "keyCertSign) and the issuer's ca.allow_ca is not true (a vault Administrator may set it, with ca.max_path_length)";
        }

        public InternalCa {
            if (allowCa != (maxPathLength != null) || (maxPathLength != null && maxPathLength < 0)) {
                throw new IllegalArgumentException("a ca issuer has a path length >= 0 exactly when it may sign CAs");
            }
        }

        @Override
        public String name() {
            return NAME;
        }
    }
}
