package io.renewd.pki;

import java.util.Base64;
import java.util.regex.Pattern;

/**
 * Base64 text of binary input (a PFX, an x5c element): the standard alphabet, padding optional,
 * with line breaks and other whitespace allowed anywhere, as PEM-like and MIME text has them.
 * Anything else is refused. The JDK's MIME decoder, by contrast, skips every character outside the
 * alphabet, so {@code "MII!B%x"} or URL-safe text would decode to other bytes than were meant.
 */
public final class Base64Text {

    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private Base64Text() {
    }

    /** @throws IllegalArgumentException when the text is not base64 */
    public static byte[] decode(String text) {
        return Base64.getDecoder().decode(WHITESPACE.matcher(text).replaceAll(""));
    }
}
