package io.renewd.domain.bulk;

import io.renewd.domain.IssuerReference;
import io.renewd.domain.Names;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/** Turns a selector as a user sends it into a {@link ReissueSelector}, or names what is wrong with it. */
public final class ReissueSelectors {

    /** Most serial numbers or thumbprints one request may list. */
    public static final int MAX_ENTRIES = 10_000;

    private static final String MEMBERS = "issuer, signedBy, serialNumbers, thumbprints, expiringBefore";
    private static final Pattern HEX = Pattern.compile("^[0-9a-fA-F]+$");
    private static final Pattern VERSION = Pattern.compile("^[0-9a-fA-F]{32}$");
    private static final Pattern BASE64URL = Pattern.compile("^[A-Za-z0-9_-]{27}=?$");
    private static final int SHA1_BYTES = 20;
    /** certificate_version.serial_number holds up to 64 hex digits (RFC 5280 allows 20 octets, plus a sign octet). */
    private static final int MAX_SERIAL_DIGITS = 64;

    /** A selector as sent: exactly one member may be set. */
    public record Draft(String issuer, SignedByDraft signedBy, List<String> serialNumbers, List<String> thumbprints, String expiringBefore) {
    }

    public record SignedByDraft(String name, String version) {
    }

    /** The outcome of {@link #validate}. */
    public sealed interface Validation {
    }

    public record Valid(ReissueSelector selector) implements Validation {
    }

    public record Invalid(String message) implements Validation {
    }

    private ReissueSelectors() {
    }

    public static Validation validate(Draft draft) {
        if (draft == null) {
            return new Invalid("selector is required: exactly one of " + MEMBERS);
        }
        List<String> given = new ArrayList<>();
        if (draft.issuer() != null) given.add("issuer");
        if (draft.signedBy() != null) given.add("signedBy");
        if (draft.serialNumbers() != null) given.add("serialNumbers");
        if (draft.thumbprints() != null) given.add("thumbprints");
        if (draft.expiringBefore() != null) given.add("expiringBefore");
        if (given.size() != 1) {
            return new Invalid("selector must have exactly one of " + MEMBERS + "; it has " + (given.isEmpty() ? "none" : String.join(" and ", given)));
        }
        return switch (given.getFirst()) {
            case "issuer" -> issuer(draft.issuer());
            case "signedBy" -> signedBy(draft.signedBy());
            case "serialNumbers" -> list("serialNumbers", draft.serialNumbers(), ReissueSelectors::serial)
                    .map(Invalid::new, serials -> new Valid(new ReissueSelector.SerialNumbers(serials)));
            case "thumbprints" -> list("thumbprints", draft.thumbprints(), ReissueSelectors::x5t)
                    .map(Invalid::new, x5ts -> new Valid(new ReissueSelector.Thumbprints(x5ts)));
            default -> expiringBefore(draft.expiringBefore());
        };
    }

    private static Validation issuer(String name) {
        if (!Names.isValidObjectName(name)) {
            return new Invalid("selector.issuer '" + shorten(name) + "' is not an issuer name (" + Names.RULE + ")");
        }
        if (IssuerReference.UNKNOWN.equalsIgnoreCase(name)) {
            return new Invalid("selector.issuer may not be Unknown: renewd cannot re-issue a certificate whose CA it does not reach (create a CSR and merge instead)");
        }
        return new Valid(new ReissueSelector.Issuer(name));
    }

    private static Validation signedBy(SignedByDraft signedBy) {
        if (!Names.isValidObjectName(signedBy.name())) {
            return new Invalid("selector.signedBy.name must name a CA certificate of the vault (" + Names.RULE + ")");
        }
        if (signedBy.version() != null && !VERSION.matcher(signedBy.version()).matches()) {
            return new Invalid("selector.signedBy.version '" + shorten(signedBy.version()) + "' is not a certificate version (32 hex digits)");
        }
        return new Valid(new ReissueSelector.SignedBy(signedBy.name(),
                Optional.ofNullable(signedBy.version()).map(v -> v.toLowerCase(Locale.ROOT))));
    }

    private static Validation expiringBefore(String time) {
        try {
            Instant instant = OffsetDateTime.parse(time).toInstant();
            return new Valid(new ReissueSelector.ExpiringBefore(instant));
        } catch (DateTimeParseException e) {
            return new Invalid("selector.expiringBefore '" + shorten(time) + "' is not a date-time with an offset (e.g. 2027-01-01T00:00:00Z)");
        }
    }

    /** An entry made valid, or why it is not. */
    private sealed interface Entry {
        record Ok(String value) implements Entry {
        }

        record Bad(String why) implements Entry {
        }
    }

    private record Checked(List<String> values, String problem) {
        <T> T map(Function<String, T> invalid, Function<List<String>, T> valid) {
            return problem != null ? invalid.apply(problem) : valid.apply(values);
        }
    }

    private static Checked list(String member, List<String> entries, Function<String, Entry> check) {
        if (entries.isEmpty()) {
            return new Checked(null, "selector." + member + " is empty: list at least one");
        }
        if (entries.size() > MAX_ENTRIES) {
            return new Checked(null, "selector." + member + " lists " + entries.size() + " entries; at most " + MAX_ENTRIES + " are allowed per request");
        }
        LinkedHashSet<String> values = new LinkedHashSet<>();
        for (int i = 0; i < entries.size(); i++) {
            String entry = entries.get(i);
            Entry checked = entry == null ? new Entry.Bad("is null") : check.apply(entry);
            switch (checked) {
                case Entry.Ok ok -> values.add(ok.value());
                case Entry.Bad bad -> {
                    return new Checked(null, "selector." + member + "[" + i + "] '" + shorten(entry) + "' " + bad.why());
                }
            }
        }
        return new Checked(List.copyOf(values), null);
    }

    /** Hex digits, colons allowed between bytes; compared without leading zeros (a stored serial may carry a sign octet). */
    static Entry serial(String entry) {
        String hex = entry.replace(":", "");
        if (hex.isEmpty() || hex.length() > MAX_SERIAL_DIGITS || !HEX.matcher(hex).matches()) {
            return new Entry.Bad("is not a serial number (1 to " + MAX_SERIAL_DIGITS + " hex digits, colons allowed)");
        }
        String stripped = hex.toLowerCase(Locale.ROOT).replaceFirst("^0+", "");
        return new Entry.Ok(stripped.isEmpty() ? "0" : stripped);
    }

    /** Key Vault's x5t (base64url SHA-1) or the same thumbprint as 40 hex digits (colons allowed). */
    static Entry x5t(String entry) {
        String hex = entry.replace(":", "");
        if (hex.length() == 2 * SHA1_BYTES && HEX.matcher(hex).matches()) {
            return new Entry.Ok(Base64.getUrlEncoder().withoutPadding().encodeToString(HexFormat.of().parseHex(hex.toLowerCase(Locale.ROOT))));
        }
        if (BASE64URL.matcher(entry).matches()) {
            byte[] digest = Base64.getUrlDecoder().decode(entry.replace("=", ""));
            if (digest.length == SHA1_BYTES) {
                return new Entry.Ok(Base64.getUrlEncoder().withoutPadding().encodeToString(digest));
            }
        }
        return new Entry.Bad("is not a SHA-1 thumbprint (x5t in base64url, or 40 hex digits)");
    }

    private static String shorten(String value) {
        if (value == null) {
            return "null";
        }
        return value.length() > 80 ? value.substring(0, 80) + "…" : value;
    }
}
