package io.renewd.domain.guardrails;

import io.renewd.domain.SubjectAlternativeNames;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** The kinds of subject alternative names Key Vault policies carry, by their guardrail names. */
public enum SanType {
    DNS("dns"), IP("ip"), EMAIL("email"), UPN("upn");

    private final String wireName;

    SanType(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<SanType> fromWireName(String name) {
        return Arrays.stream(values()).filter(t -> t.wireName.equals(name == null ? null : name.toLowerCase(Locale.ROOT))).findFirst();
    }

    /** The kinds present in {@code sans}. */
    public static Set<SanType> of(SubjectAlternativeNames sans) {
        Set<SanType> types = EnumSet.noneOf(SanType.class);
        if (!sans.dnsNames().isEmpty()) {
            types.add(DNS);
        }
        if (!sans.ipAddresses().isEmpty()) {
            types.add(IP);
        }
        if (!sans.emails().isEmpty()) {
            types.add(EMAIL);
        }
        if (!sans.upns().isEmpty()) {
            types.add(UPN);
        }
        return types;
    }
}
