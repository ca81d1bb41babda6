package io.renewd.domain;

import java.util.Arrays;
import java.util.Optional;

/** The elliptic curves renewd makes keys on, with Key Vault's names and their sizes in bits. */
public enum Curve {
    P_256("P-256", 256, "secp256r1"),
    P_384("P-384", 384, "secp384r1"),
    P_521("P-521", 521, "secp521r1");

    private final String wireName;
    private final int bits;
    private final String standardName;

    Curve(String wireName, int bits, String standardName) {
        this.wireName = wireName;
        this.bits = bits;
        this.standardName = standardName;
    }

    public String wireName() {
        return wireName;
    }

    public int bits() {
        return bits;
    }

    /** The SEC 2 name Java and Bouncy Castle know the curve by. */
    public String standardName() {
        return standardName;
    }

    public static Optional<Curve> fromWireName(String name) {
        return Arrays.stream(values()).filter(c -> c.wireName.equals(name)).findFirst();
    }

    public static Optional<Curve> fromBits(int bits) {
        return Arrays.stream(values()).filter(c -> c.bits == bits).findFirst();
    }
}
