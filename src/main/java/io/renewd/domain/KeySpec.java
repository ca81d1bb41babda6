package io.renewd.domain;

/** The kind and strength of a key pair: RSA with a size, or EC on a curve. */
public sealed interface KeySpec {

    /** RSA with a modulus of {@code size} bits (renewd makes 2048, 3072 or 4096). */
    record Rsa(int size) implements KeySpec {
    }

    /** EC on a named curve. */
    record Ec(Curve curve) implements KeySpec {
    }
}
