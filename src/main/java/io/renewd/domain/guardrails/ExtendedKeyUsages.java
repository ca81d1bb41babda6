package io.renewd.domain.guardrails;

import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** Extended key usages by OID or by their usual names (RFC 5280's id-kp names, Microsoft's smartcardLogon). */
public final class ExtendedKeyUsages {

    private static final Pattern OID = Pattern.compile("^[0-2](\\.(0|[1-9][0-9]{0,9}))+$");
    private static final Map<String, String> NAMES = Map.of(
            "serverauth", ServerAuth.OID,
            "clientauth", "1.3.6.1.5.5.7.3.2",
            "codesigning", "1.3.6.1.5.5.7.3.3",
            "emailprotection", "1.3.6.1.5.5.7.3.4",
            "timestamping", "1.3.6.1.5.5.7.3.8",
            "ocspsigning", "1.3.6.1.5.5.7.3.9",
            "smartcardlogon", "1.3.6.1.4.1.311.20.2.2",
            "anyextendedkeyusage", ServerAuth.ANY_EKU);

    private ExtendedKeyUsages() {
    }

    /** The OID {@code text} names: an OID as it is, or one of the names above (case-insensitive). */
    public static Optional<String> oid(String text) {
        if (text == null) {
            return Optional.empty();
        }
        if (OID.matcher(text).matches()) {
            return Optional.of(text);
        }
        return Optional.ofNullable(NAMES.get(text.toLowerCase(java.util.Locale.ROOT)));
    }

    static String known() {
        return "an OID such as 1.3.6.1.5.5.7.3.1, or serverAuth, clientAuth, codeSigning, emailProtection, timeStamping, "
                + "OCSPSigning, smartcardLogon, anyExtendedKeyUsage";
    }
}
