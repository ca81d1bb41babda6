package io.renewd.domain.guardrails;

import java.util.List;

/** TLS server certificates: those whose extended key usages include serverAuth (or anyExtendedKeyUsage). */
public final class ServerAuth {

    /** id-kp-serverAuth (RFC 5280). */
    public static final String OID = "1.3.6.1.5.5.7.3.1";
    /** anyExtendedKeyUsage (RFC 5280): allows serverAuth too. */
    public static final String ANY_EKU = "2.5.29.37.0";

    private ServerAuth() {
    }

    public static boolean allowedBy(List<String> ekus) {
        return ekus != null && (ekus.contains(OID) || ekus.contains(ANY_EKU));
    }
}
