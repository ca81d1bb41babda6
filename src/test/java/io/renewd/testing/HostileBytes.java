package io.renewd.testing;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Damaged and hostile versions of certificates, keys, CSRs and containers, for fuzz tests: DER
 * mutations (bit flips, truncation, insertions, duplicated slices, extreme bytes, changed and huge
 * length fields, deeply nested garbage), the same inside PEM blocks and base64 text, and damage to
 * the text itself (wrong labels, headers, alphabets and padding, very long lines, too many
 * blocks). Every choice comes from the {@link Random} given, so a seed reproduces a run.
 */
public final class HostileBytes {

    /** Ways to damage DER bytes. */
    public enum DerMutation {
        FLIP_BITS, TRUNCATE, INSERT_RANDOM, DUPLICATE_SLICE, EXTREME_BYTE, LENGTH_FIELD, HUGE_LENGTH, NESTED_GARBAGE, APPEND_GARBAGE
    }

    /** Ways to damage PEM text. */
    public enum PemMutation {
        DER_INSIDE_A_BLOCK, WRONG_LABEL, NO_END_LINE, ENCRYPTION_HEADERS, BAD_BASE64, ONE_LONG_LINE, VERY_LONG_LINE, MANY_BLOCKS,
        TRUNCATE_TEXT, EMPTY_BLOCK, CONTROL_CHARACTERS
    }

    /** Ways to damage base64 text of DER. */
    public enum Base64Mutation {
        DER_INSIDE, BAD_CHARACTERS, URL_ALPHABET, NO_PADDING, EXTRA_PADDING, LINE_BREAKS, TRUNCATE_TEXT, VERY_LONG
    }

    private static final Pattern PEM_BLOCK = Pattern.compile(
            "(-----BEGIN ([^-\\r\\n]+)-----\\r?\\n(?:[^\\r\\n]*:[^\\r\\n]*\\r?\\n)*\\r?\\n?)([A-Za-z0-9+/=\\r\\n]+)(-----END [^-\\r\\n]+-----)");
    private static final byte[] EXTREME = {0x00, (byte) 0x80, (byte) 0x81, (byte) 0x84, (byte) 0xff, 0x7f, 0x30, (byte) 0xa0};

    private HostileBytes() {
    }

    public static byte[] mutate(byte[] der, Random random) {
        return mutate(der, DerMutation.values()[random.nextInt(DerMutation.values().length)], random);
    }

    public static byte[] mutate(byte[] der, DerMutation mutation, Random random) {
        if (der.length == 0) {
            return nestedGarbage(random);
        }
        return switch (mutation) {
            case FLIP_BITS -> {
                byte[] copy = der.clone();
                for (int flips = 1 + random.nextInt(8); flips > 0; flips--) {
                    copy[random.nextInt(copy.length)] ^= (byte) (1 << random.nextInt(8));
                }
                yield copy;
            }
            case TRUNCATE -> Arrays.copyOf(der, random.nextInt(der.length));
            case INSERT_RANDOM -> {
                byte[] chunk = new byte[1 + random.nextInt(16)];
                random.nextBytes(chunk);
                int at = random.nextInt(der.length + 1);
                yield concat(Arrays.copyOf(der, at), chunk, Arrays.copyOfRange(der, at, der.length));
            }
            case DUPLICATE_SLICE -> {
                int from = random.nextInt(der.length);
                int to = Math.min(der.length, from + 1 + random.nextInt(64));
                yield concat(Arrays.copyOf(der, to), Arrays.copyOfRange(der, from, der.length));
            }
            case EXTREME_BYTE -> {
                byte[] copy = der.clone();
                copy[random.nextInt(copy.length)] = EXTREME[random.nextInt(EXTREME.length)];
                yield copy;
            }
            case LENGTH_FIELD -> lengthField(der, random);
            case HUGE_LENGTH -> hugeLength(der, random);
            case NESTED_GARBAGE -> random.nextBoolean() ? nestedGarbage(random) : wrapDeeply(der, 50 + random.nextInt(3000), random);
            case APPEND_GARBAGE -> {
                byte[] tail = new byte[1 + random.nextInt(256)];
                random.nextBytes(tail);
                yield concat(der, tail);
            }
        };
    }

    /** A length field of some TLV changed: off by one, indefinite, non-minimal, 2 GiB, longer than the input, or too long itself. */
    static byte[] lengthField(byte[] der, Random random) {
        List<Integer> headers = tlvHeaders(der);
        int at = headers.isEmpty() ? 0 : headers.get(random.nextInt(headers.size()));
        int lengthAt = Math.min(at + 1, der.length - 1);
        int lengthBytes = (der[lengthAt] & 0x80) == 0 ? 1 : 1 + Math.min(der[lengthAt] & 0x7f, 8);
        byte[] replacement = switch (random.nextInt(7)) {
            case 0 -> new byte[] {(byte) ((der[lengthAt] & 0x80) == 0 ? (der[lengthAt] + 1) & 0x7f : 0x7f)};
            case 1 -> new byte[] {(byte) ((der[lengthAt] & 0x80) == 0 ? Math.max(0, der[lengthAt] - 1) : 0x01)};
            case 2 -> new byte[] {(byte) 0x80};
            case 3 -> new byte[] {(byte) 0x82, 0x00, (byte) Math.min(0x7f, der.length)};
            case 4 -> new byte[] {(byte) 0x84, 0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff};
            case 5 -> new byte[] {(byte) 0x83, (byte) 0xff, (byte) 0xff, (byte) 0xff};
            default -> new byte[] {(byte) 0x89, 1, 2, 3, 4, 5, 6, 7, 8, 9};
        };
        int end = Math.min(der.length, lengthAt + lengthBytes);
        return concat(Arrays.copyOf(der, lengthAt), replacement, Arrays.copyOfRange(der, end, der.length));
    }

    /** The outermost length claims up to 2^63 bytes. */
    static byte[] hugeLength(byte[] der, Random random) {
        int lengthAt = Math.min(1, der.length - 1);
        int lengthBytes = (der[lengthAt] & 0x80) == 0 ? 1 : 1 + Math.min(der[lengthAt] & 0x7f, 8);
        byte[] huge = random.nextBoolean()
                ? new byte[] {(byte) 0x88, 0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff}
                : new byte[] {(byte) 0x84, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xf0};
        int end = Math.min(der.length, lengthAt + lengthBytes);
        return concat(Arrays.copyOf(der, lengthAt), huge, Arrays.copyOfRange(der, end, der.length));
    }

    /** Thousands of nested SEQUENCEs (or context tags, or OCTET STRINGs), indefinite or definite, around garbage. */
    public static byte[] nestedGarbage(Random random) {
        byte[] core = new byte[random.nextInt(64)];
        random.nextBytes(core);
        return wrapDeeply(core, 100 + random.nextInt(20_000), random);
    }

    static byte[] wrapDeeply(byte[] core, int depth, Random random) {
        byte tag = new byte[] {0x30, 0x31, (byte) 0xa0, 0x24}[random.nextInt(4)];
        if (random.nextBoolean()) {
            // Indefinite lengths: no arithmetic needed, unbounded depth for a recursive parser.
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (int i = 0; i < depth; i++) {
                out.write(tag);
                out.write(0x80);
            }
            out.writeBytes(core);
            for (int i = 0; i < depth; i++) {
                out.write(0);
                out.write(0);
            }
            return out.toByteArray();
        }
        // Definite lengths, each level's computed from the one inside it; headers written outermost first.
        int[] lengths = new int[depth];
        int inner = core.length;
        for (int i = 0; i < depth; i++) {
            lengths[i] = inner;
            inner += 1 + encodeLength(inner).length;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = depth - 1; i >= 0; i--) {
            out.write(tag);
            out.writeBytes(encodeLength(lengths[i]));
        }
        out.writeBytes(core);
        return out.toByteArray();
    }

    /** Damaged PEM text: the DER of a block damaged, or the text around it. */
    public static String mutatePem(String pem, Random random) {
        return mutatePem(pem, PemMutation.values()[random.nextInt(PemMutation.values().length)], random);
    }

    public static String mutatePem(String pem, PemMutation mutation, Random random) {
        List<int[]> blocks = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        Matcher matcher = PEM_BLOCK.matcher(pem);
        while (matcher.find()) {
            blocks.add(new int[] {matcher.start(), matcher.start(3), matcher.end(3), matcher.end()});
            labels.add(matcher.group(2));
        }
        if (blocks.isEmpty()) {
            return new String(mutate(pem.getBytes(StandardCharsets.ISO_8859_1), random), StandardCharsets.ISO_8859_1);
        }
        int pick = random.nextInt(blocks.size());
        int[] block = blocks.get(pick);
        String label = labels.get(pick);
        String body = pem.substring(block[1], block[2]);
        return switch (mutation) {
            case DER_INSIDE_A_BLOCK -> {
                byte[] der = Base64.getMimeDecoder().decode(body);
                yield pem.substring(0, block[1]) + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(mutate(der, random)) + "\n" + pem.substring(block[2]);
            }
            case WRONG_LABEL -> {
                String wrong = new String[] {label + "X", label.toLowerCase(), "X509 CRL", "PKCS7", "PRIVATE KEY", "CERTIFICATE",
                        "ENCRYPTED PRIVATE KEY", "RSA PRIVATE KEY", "EC PRIVATE KEY", "EC PARAMETERS", "CERTIFICATE REQUEST", ""}[random.nextInt(12)];
                yield random.nextBoolean()
                        ? pem.replaceFirst("-----BEGIN " + Pattern.quote(label) + "-----", "-----BEGIN " + Matcher.quoteReplacement(wrong) + "-----")
                        : pem.replaceFirst("-----BEGIN " + Pattern.quote(label) + "-----", "-----BEGIN " + Matcher.quoteReplacement(wrong) + "-----")
                                .replaceFirst("-----END " + Pattern.quote(label) + "-----", "-----END " + Matcher.quoteReplacement(wrong) + "-----");
            }
            case NO_END_LINE -> pem.substring(0, block[2]) + pem.substring(block[3]);
            case ENCRYPTION_HEADERS -> pem.substring(0, block[1]).replaceFirst("-----\\r?\\n$", "-----\n")
                    + new String[] {"Proc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,ZZZZ\n\n", "Proc-Type: 4,ENCRYPTED\nDEK-Info: NONSENSE\n\n",
                    "Proc-Type: 4,ENCRYPTED\nDEK-Info: DES-EDE3-CBC,0011223344556677\n\n", "Proc-Type: 4,ENCRYPTED\n\n",
                    "X-Header: " + "h".repeat(10_000) + "\n\n", "DEK-Info: AES-256-CBC,\n\n"}[random.nextInt(6)]
                    + body + pem.substring(block[2]);
            case BAD_BASE64 -> {
                StringBuilder damaged = new StringBuilder(body);
                for (int i = 1 + random.nextInt(4); i > 0; i--) {
                    damaged.insert(random.nextInt(damaged.length() + 1), new String[] {"!", "%", "=", "é", "\u0000", "-", "_", "==", "\u2028"}[random.nextInt(9)]);
                }
                yield pem.substring(0, block[1]) + damaged + pem.substring(block[2]);
            }
            case ONE_LONG_LINE -> pem.substring(0, block[1]) + body.replaceAll("\\s", "") + "\n" + pem.substring(block[2]);
            case VERY_LONG_LINE -> pem.substring(0, block[1]) + "A".repeat(100_000 + random.nextInt(200_000)) + "\n" + pem.substring(block[2]);
            case MANY_BLOCKS -> pem.substring(block[0], block[3]).concat("\n").repeat(20 + random.nextInt(100));
            case TRUNCATE_TEXT -> pem.substring(0, random.nextInt(pem.length()));
            case EMPTY_BLOCK -> pem.substring(0, block[1]) + pem.substring(block[2]);
            case CONTROL_CHARACTERS -> {
                StringBuilder damaged = new StringBuilder(pem);
                for (int i = 1 + random.nextInt(8); i > 0; i--) {
                    damaged.setCharAt(random.nextInt(damaged.length()), (char) random.nextInt(32));
                }
                yield damaged.toString();
            }
        };
    }

    /** Damaged base64 text of DER (standard alphabet, as Key Vault sends PFX files and x5c elements). */
    public static String mutateBase64(String base64, Random random) {
        return mutateBase64(base64, Base64Mutation.values()[random.nextInt(Base64Mutation.values().length)], random);
    }

    public static String mutateBase64(String base64, Base64Mutation mutation, Random random) {
        return switch (mutation) {
            case DER_INSIDE -> Base64.getEncoder().encodeToString(mutate(Base64.getMimeDecoder().decode(base64), random));
            case BAD_CHARACTERS -> {
                StringBuilder damaged = new StringBuilder(base64);
                for (int i = 1 + random.nextInt(4); i > 0; i--) {
                    damaged.insert(random.nextInt(damaged.length() + 1), new String[] {"!", "%", "*", "é", "\u0000", "=", "\"", "\\"}[random.nextInt(8)]);
                }
                yield damaged.toString();
            }
            case URL_ALPHABET -> base64.replace('+', '-').replace('/', '_');
            case NO_PADDING -> base64.replace("=", "");
            case EXTRA_PADDING -> base64 + "=".repeat(1 + random.nextInt(3));
            case LINE_BREAKS -> Base64.getMimeEncoder(1 + random.nextInt(200), "\r\n".getBytes(StandardCharsets.US_ASCII))
                    .encodeToString(Base64.getMimeDecoder().decode(base64));
            case TRUNCATE_TEXT -> base64.substring(0, random.nextInt(base64.length()));
            case VERY_LONG -> base64.repeat(2 + random.nextInt(20));
        };
    }

    /** Random bytes, often starting like DER so the ASN.1 parsers get further. */
    public static byte[] randomBytes(Random random, int maxLength) {
        byte[] bytes = new byte[random.nextInt(maxLength)];
        random.nextBytes(bytes);
        if (bytes.length > 1 && random.nextBoolean()) {
            bytes[0] = 0x30;
            bytes[1] = (byte) 0x82;
        }
        return bytes;
    }

    /** Random text: printable, controls, or any Unicode letters (never lone surrogates: JSON must carry it). */
    public static String randomText(Random random, int maxLength) {
        int length = random.nextInt(maxLength);
        StringBuilder text = new StringBuilder(length);
        int kind = random.nextInt(3);
        for (int i = 0; i < length; i++) {
            int codePoint = switch (kind) {
                case 0 -> 32 + random.nextInt(95);
                case 1 -> random.nextInt(256);
                default -> {
                    int c = random.nextInt(0x2FFFF);
                    yield Character.isSurrogate((char) c) || !Character.isDefined(c) ? 'x' : c;
                }
            };
            text.appendCodePoint(codePoint);
        }
        return text.toString();
    }

    private static List<Integer> tlvHeaders(byte[] der) {
        List<Integer> headers = new ArrayList<>();
        for (int i = 0; i + 1 < der.length; i++) {
            int tag = der[i] & 0xff;
            if (tag == 0x30 || tag == 0x31 || tag == 0x02 || tag == 0x03 || tag == 0x04 || tag == 0x05 || tag == 0x06
                    || tag == 0x0c || tag == 0x13 || tag == 0x17 || tag == 0x18 || (tag & 0xe0) == 0xa0) {
                headers.add(i);
            }
        }
        return headers;
    }

    private static byte[] encodeLength(int length) {
        if (length < 0x80) {
            return new byte[] {(byte) length};
        }
        if (length < 0x100) {
            return new byte[] {(byte) 0x81, (byte) length};
        }
        if (length < 0x10000) {
            return new byte[] {(byte) 0x82, (byte) (length >> 8), (byte) length};
        }
        return new byte[] {(byte) 0x83, (byte) (length >> 16), (byte) (length >> 8), (byte) length};
    }

    public static byte[] concat(byte[]... parts) {
        int length = Arrays.stream(parts).mapToInt(part -> part.length).sum();
        byte[] result = new byte[length];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, result, at, part.length);
            at += part.length;
        }
        return result;
    }
}
