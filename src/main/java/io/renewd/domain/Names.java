package io.renewd.domain;

import java.util.regex.Pattern;

/** Naming rule of certificates, issuers and vaults (Key Vault's object name rule). */
public final class Names {

    public static final String RULE = "1 to 127 letters, digits and dashes";
    private static final Pattern OBJECT_NAME = Pattern.compile("^[0-9a-zA-Z-]{1,127}$");

    private Names() {
    }

    public static boolean isValidObjectName(String name) {
        return name != null && OBJECT_NAME.matcher(name).matches();
    }
}
