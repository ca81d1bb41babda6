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

    /** An internal CA: a certificate of the same vault, with keyCertSign and its private key, signs. */
    record InternalCa(String certificateName) implements IssuerProvider {
        public static final String NAME = "ca";

        @Override
        public String name() {
            return NAME;
        }
    }
}
