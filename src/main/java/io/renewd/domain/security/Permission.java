package io.renewd.domain.security;

import java.util.Arrays;
import java.util.Optional;

/** Key Vault's certificate permissions, and renewd's one more: managing a vault's access policies. */
public enum Permission {
    GET("get"), LIST("list"), UPDATE("update"), CREATE("create"), IMPORT("import"), DELETE("delete"), RECOVER("recover"),
    BACKUP("backup"), RESTORE("restore"), MANAGE_CONTACTS("managecontacts"), MANAGE_ISSUERS("manageissuers"),
    GET_ISSUERS("getissuers"), LIST_ISSUERS("listissuers"), SET_ISSUERS("setissuers"), DELETE_ISSUERS("deleteissuers"),
    PURGE("purge"),
    /** Not a Key Vault certificate permission: granted by the Administrator role only. */
    MANAGE_ACCESS("manageaccess");

    private final String wireName;

    Permission(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<Permission> fromWireName(String name) {
        return Arrays.stream(values()).filter(p -> p.wireName.equalsIgnoreCase(name)).findFirst();
    }
}
