package io.renewd.pki;

import javax.security.auth.x500.X500Principal;
import java.util.Map;

/** Parses RFC 4514 distinguished names the way Java prints them, so "CN=web,O=Acme" round-trips through a certificate. */
final class DistinguishedNames {

    /** Key Vault users write E= for the email attribute (as Windows does); the JDK only knows EMAILADDRESS. */
    private static final Map<String, String> EXTRA_KEYWORDS = Map.of("E", "1.2.840.113549.1.9.1");

    private DistinguishedNames() {
    }

    static X500Principal parse(String name) {
        if (name == null) {
            throw Inputs.malformed("the subject is missing");
        }
        try {
            return new X500Principal(name, EXTRA_KEYWORDS);
        } catch (IllegalArgumentException e) {
            throw Inputs.malformed("the subject " + Inputs.quote(name) + " is not a distinguished name such as CN=web,O=Acme", e);
        }
    }
}
