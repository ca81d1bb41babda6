package io.renewd.domain;

import java.util.regex.Pattern;

/** Key Vault's naming rules: of vaults, and of the objects in them (certificates, issuers); and what a DNS name is. */
public final class Names {

    public static final String RULE = "1 to 127 letters, digits and dashes";
    public static final String VAULT_RULE = "3 to 24 letters, digits and dashes, starting with a letter, ending with a letter or digit, no two dashes in a row";
    private static final Pattern OBJECT_NAME = Pattern.compile("^[0-9a-zA-Z-]{1,127}$");
    private static final Pattern VAULT_NAME = Pattern.compile("^(?!.*--)[a-zA-Z][0-9a-zA-Z-]{1,22}[0-9a-zA-Z]$");

    private static final Pattern DNS_NAME = Pattern.compile(
            "^(\\*\\.)?([a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)(\\.[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$");

    private Names() {
    }

    public static boolean isValidObjectName(String name) {
        return name != null && OBJECT_NAME.matcher(name).matches();
    }

    /** Key Vault's vault naming rule, so vault names carry over both ways. */
    public static boolean isValidVaultName(String name) {
        return name != null && VAULT_NAME.matcher(name).matches();
    }

    /** A DNS name as a certificate may carry it: labels of letters, digits and dashes, optionally behind one leading wildcard label. */
    public static boolean isDnsName(String name) {
        return name != null && name.length() <= 253 && DNS_NAME.matcher(name).matches();
    }
}
