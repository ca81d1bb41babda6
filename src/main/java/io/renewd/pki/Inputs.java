package io.renewd.pki;

import io.renewd.pki.PkiInputException.Reason;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;

/**
 * Size limits, PEM/base64/DER detection and the one place where failures of the parsing libraries become
 * {@link PkiInputException}s: whatever Bouncy Castle or the JDK throw on hostile input must not leak out as a 500.
 */
final class Inputs {

    /** Far above any real certificate, key, CSR, chain or PFX; keeps hostile uploads from costing memory and time. */
    static final int MAX_BYTES = 1 << 20;
    /** Real chains have 2 to 4 certificates; a cap keeps chain ordering (quadratic in signature checks) cheap. */
    static final int MAX_CERTIFICATES = 20;
    private static final int MAX_PEM_BLOCKS = 64;

    private Inputs() {
    }

    @FunctionalInterface
    interface Parse<T> {
        T run() throws Exception;
    }

    /** Runs a parse step; anything but a {@link PkiInputException} means the input was not what it claimed to be. */
    static <T> T parse(String what, Parse<T> body) {
        try {
            return body.run();
        } catch (PkiInputException e) {
            throw e;
        } catch (Exception e) {
            throw malformed(what + " is malformed", e);
        }
    }

    /** Text from the input, fit for a message: control characters replaced, at most 100 characters, in quotes. */
    static String quote(String text) {
        String clean = text.codePoints().map(c -> Character.isISOControl(c) ? '?' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return "'" + (clean.length() > 100 ? clean.substring(0, 100) + "..." : clean) + "'";
    }

    /** A certificate's subject for a message. */
    static String nameOf(X509Certificate certificate) {
        return quote(certificate.getSubjectX500Principal().getName());
    }

    static PkiInputException malformed(String message) {
        return new PkiInputException(Reason.MALFORMED, message);
    }

    static PkiInputException malformed(String message, Throwable cause) {
        return new PkiInputException(Reason.MALFORMED, message, cause);
    }

    static byte[] requireSize(byte[] input, String what) {
        if (input == null || input.length == 0) {
            throw malformed(what + " is empty");
        }
        if (input.length > MAX_BYTES) {
            throw malformed(what + " is larger than " + MAX_BYTES / 1024 + " KiB");
        }
        return input;
    }

    static String requireSize(String input, String what) {
        if (input == null || input.isBlank()) {
            throw malformed(what + " is empty");
        }
        if (input.length() > MAX_BYTES) {
            throw malformed(what + " is larger than " + MAX_BYTES / 1024 + " KiB");
        }
        return input;
    }

    /** All PEM blocks of a text in order; text outside blocks (such as openssl's "Bag Attributes") is skipped. */
    static List<PemObject> pemBlocks(String text, String what) {
        requireSize(text, what);
        return parse(what, () -> {
            List<PemObject> blocks = new ArrayList<>();
            try (PemReader reader = new PemReader(new StringReader(text))) {
                for (PemObject block = reader.readPemObject(); block != null; block = reader.readPemObject()) {
                    if (blocks.size() == MAX_PEM_BLOCKS) {
                        throw malformed(what + " has more than " + MAX_PEM_BLOCKS + " PEM blocks");
                    }
                    blocks.add(block);
                }
            }
            return blocks;
        });
    }

    static boolean looksLikePem(byte[] input) {
        return asText(input).strip().startsWith("-----BEGIN ");
    }

    /** The DER inside one PEM block of the given types, or the input itself when it is not PEM. */
    static byte[] derFromPemOrDer(byte[] input, String what, Set<String> pemTypes) {
        requireSize(input, what);
        if (!looksLikePem(input)) {
            return input;
        }
        List<PemObject> blocks = pemBlocks(asText(input), what);
        if (blocks.size() != 1 || !pemTypes.contains(blocks.get(0).getType())) {
            throw malformed(what + " must be one PEM block of type " + String.join(" or ", pemTypes.stream().sorted().toList())
                    + "; found " + blocks.stream().map(block -> quote(block.getType())).toList());
        }
        return blocks.get(0).getContent();
    }

    /** Like {@link #derFromPemOrDer} but also takes base64 text of the DER, as Key Vault's merge sends it. */
    static byte[] derFromPemBase64OrDer(byte[] input, String what, Set<String> pemTypes) {
        requireSize(input, what);
        if (looksLikePem(input) || isDerSequence(input)) {
            return derFromPemOrDer(input, what, pemTypes);
        }
        return parse(what + " (base64)", () -> Base64.getDecoder().decode(asText(input).replaceAll("\\s", "")));
    }

    private static boolean isDerSequence(byte[] input) {
        return input[0] == 0x30;
    }

    private static String asText(byte[] input) {
        return new String(input, StandardCharsets.ISO_8859_1);
    }
}
