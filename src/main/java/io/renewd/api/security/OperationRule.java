package io.renewd.api.security;

import io.renewd.domain.security.Permission;

/** What an API operation needs from its caller; {@code operation} names it in the audit trail. */
public sealed interface OperationRule {

    String operation();

    /** A permission in the vault named by the path. */
    record InVault(Permission permission, String operation) implements OperationRule {
    }

    /**
     * Setting a vault by the name in the path: creating it needs a global administrator, changing
     * it needs {@code permission} in it.
     */
    record SetVault(Permission permission, String operation) implements OperationRule {
    }

    /** A member of a global administrator group (operations outside any vault). */
    record GlobalAdministrator(String operation) implements OperationRule {
    }

    /** Any authenticated caller (what it sees is filtered by its permissions). */
    record Authenticated(String operation) implements OperationRule {
    }
}
