package io.renewd.pki;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class EnvelopeEncryptionTest {

    private static final byte[] ROW = bytes("vault-a/web/0123456789abcdef0123456789abcdef");
    private static final byte[] SECRET = bytes("-----BEGIN PRIVATE KEY-----\nnot really a key\n");
    private static final byte[] K1 = randomKey();
    private static final byte[] K2 = randomKey();

    private final EnvelopeEncryption k1Active = new EnvelopeEncryption(new KeyEncryptionKeys("k1", Map.of("k1", K1)));

    @Test
    void sealsAndOpens() {
        SealedData sealed = k1Active.seal(SECRET, ROW);

        assertThat(sealed.kekId()).isEqualTo("k1");
        assertThat(sealed.nonce()).hasSize(12);
        assertThat(sealed.wrappedDataKey()).hasSize(40);
        assertThat(sealed.ciphertext()).hasSize(SECRET.length + 16);
        assertThat(k1Active.open(sealed, ROW)).isEqualTo(SECRET);
        assertThat(k1Active.open(SealedData.fromBytes(sealed.toBytes()), ROW)).isEqualTo(SECRET);
        assertThat(k1Active.seal(SECRET, ROW).wrappedDataKey()).as("a fresh data key per item").isNotEqualTo(sealed.wrappedDataKey());
    }

    static Stream<Arguments> tampering() {
        return Stream.of(
                arguments("ciphertext bit flipped", (UnaryOperator<SealedData>) s -> new SealedData(s.kekId(), s.wrappedDataKey(), s.nonce(), flip(s.ciphertext())),
                        "altered or belongs to other associated data"),
                arguments("nonce changed", (UnaryOperator<SealedData>) s -> new SealedData(s.kekId(), s.wrappedDataKey(), flip(s.nonce()), s.ciphertext()),
                        "altered or belongs to other associated data"),
                arguments("wrapped key changed", (UnaryOperator<SealedData>) s -> new SealedData(s.kekId(), flip(s.wrappedDataKey()), s.nonce(), s.ciphertext()),
                        "does not unwrap with key-encryption key 'k1'"),
                arguments("unknown key-encryption key", (UnaryOperator<SealedData>) s -> new SealedData("k9", s.wrappedDataKey(), s.nonce(), s.ciphertext()),
                        "sealed with key-encryption key 'k9', which is not configured"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tampering")
    void refusesTamperedData(String name, UnaryOperator<SealedData> tamper, String message) {
        SealedData tampered = tamper.apply(k1Active.seal(SECRET, ROW));

        assertThatThrownBy(() -> k1Active.open(tampered, ROW)).isInstanceOf(EnvelopeException.class).hasMessageContaining(message);
    }

    @Test
    void associatedDataBindsTheCiphertextToItsRow() {
        SealedData sealed = k1Active.seal(SECRET, ROW);

        assertThatThrownBy(() -> k1Active.open(sealed, bytes("vault-a/other/0123456789abcdef0123456789abcdef")))
                .isInstanceOf(EnvelopeException.class).hasMessageContaining("belongs to other associated data");
    }

    @Test
    void rewrapMovesTheDataKeyToTheNewActiveKeyWithoutTouchingTheCiphertext() {
        SealedData sealed = k1Active.seal(SECRET, ROW);
        var rotating = new EnvelopeEncryption(new KeyEncryptionKeys("k2", Map.of("k1", K1, "k2", K2)));
        var afterRotation = new EnvelopeEncryption(new KeyEncryptionKeys("k2", Map.of("k2", K2)));

        SealedData rewrapped = rotating.rewrap(sealed);

        assertThat(rewrapped.kekId()).isEqualTo("k2");
        assertThat(rewrapped.ciphertext()).isEqualTo(sealed.ciphertext());
        assertThat(rewrapped.nonce()).isEqualTo(sealed.nonce());
        assertThat(afterRotation.open(rewrapped, ROW)).isEqualTo(SECRET);
        assertThat(rotating.open(sealed, ROW)).as("old rows still open before they are rewrapped").isEqualTo(SECRET);
        assertThat(rotating.seal(SECRET, ROW).kekId()).isEqualTo("k2");
        assertThat(rotating.rewrap(rewrapped)).isSameAs(rewrapped);
        assertThatThrownBy(() -> afterRotation.open(sealed, ROW)).isInstanceOf(EnvelopeException.class).hasMessageContaining("'k1'");
    }

    @Test
    void encodingIsVersionedAndStrict() {
        byte[] encoded = k1Active.seal(SECRET, ROW).toBytes();

        assertThat(encoded[0]).isEqualTo((byte) 1);
        for (int length : new int[] {0, 1, 2, 5, 44, 57, encoded.length - SECRET.length - 1}) {
            byte[] truncated = Arrays.copyOf(encoded, length);
            assertThatThrownBy(() -> SealedData.fromBytes(truncated)).isInstanceOf(EnvelopeException.class).hasMessageContaining("malformed");
        }
        encoded[0] = 7;
        assertThatThrownBy(() -> SealedData.fromBytes(encoded)).isInstanceOf(EnvelopeException.class).hasMessageContaining("version 7 is unknown");
    }

    @Test
    void parsesKeyConfiguration() {
        String config = "k1:" + Base64.getEncoder().encodeToString(K1) + ", k2:" + Base64.getEncoder().encodeToString(K2);

        KeyEncryptionKeys keys = KeyEncryptionKeys.parse(config, "k2");

        assertThat(keys.activeId()).isEqualTo("k2");
        assertThat(keys.ids()).containsExactlyInAnyOrder("k1", "k2");
        assertThat(keys.key("k1")).isEqualTo(K1);
        assertThat(keys.toString()).doesNotContain(Base64.getEncoder().encodeToString(K1));
    }

    static Stream<Arguments> badConfigurations() {
        String good = Base64.getEncoder().encodeToString(K1);
        String shortKey = Base64.getEncoder().encodeToString(new byte[16]);
        return Stream.of(
                arguments("", "k1", "no key-encryption keys are configured"),
                arguments("k1" + good, "k1", "entry 1 is not of the form id:base64"),
                arguments("k1:" + good + ",k2:not*base64", "k1", "key-encryption key 'k2' is not valid base64"),
                arguments("k1:" + shortKey, "k1", "key-encryption key 'k1' must be 32 bytes"),
                arguments("k1:" + good + ",k1:" + good, "k1", "'k1' is configured twice"),
                arguments("k1:" + good, "k2", "the active key-encryption key 'k2' is not among the configured ones [k1]"),
                arguments("bad id:" + good, "bad id", "must be 1 to 64 letters"));
    }

    @ParameterizedTest(name = "{2}")
    @MethodSource("badConfigurations")
    void namesConfigurationErrorsWithoutKeyMaterial(String config, String active, String message) {
        assertThatThrownBy(() -> KeyEncryptionKeys.parse(config, active))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message)
                .message().doesNotContain(Base64.getEncoder().encodeToString(K1));
    }

    private static byte[] flip(byte[] bytes) {
        byte[] copy = bytes.clone();
        copy[copy.length / 2] ^= 0x01;
        return copy;
    }

    private static byte[] randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
