package io.renewd.api.security;

import io.renewd.domain.security.Permission;

import java.util.Map;
import java.util.Optional;

import static io.renewd.domain.security.Permission.BACKUP;
import static io.renewd.domain.security.Permission.CREATE;
import static io.renewd.domain.security.Permission.DELETE;
import static io.renewd.domain.security.Permission.DELETE_ISSUERS;
import static io.renewd.domain.security.Permission.GET;
import static io.renewd.domain.security.Permission.GET_ISSUERS;
import static io.renewd.domain.security.Permission.IMPORT;
import static io.renewd.domain.security.Permission.LIST;
import static io.renewd.domain.security.Permission.LIST_ISSUERS;
import static io.renewd.domain.security.Permission.MANAGE_ACCESS;
import static io.renewd.domain.security.Permission.MANAGE_CONTACTS;
import static io.renewd.domain.security.Permission.PURGE;
import static io.renewd.domain.security.Permission.RECOVER;
import static io.renewd.domain.security.Permission.RESTORE;
import static io.renewd.domain.security.Permission.SET_ISSUERS;
import static io.renewd.domain.security.Permission.UPDATE;

/**
 * The rule of every API operation, by resource class and method: one table, so a new endpoint
 * without a rule is refused (and a test lists the endpoints without one). Permissions follow
 * Key Vault's certificate permissions.
 */
public final class OperationRules {

    private static final Map<String, OperationRule> RULES = Map.ofEntries(
            vault("CertificatesResource.list", LIST, "getCertificates"),
            vault("CertificatesResource.create", CREATE, "createCertificate"),
            vault("CertificatesResource.importCertificate", IMPORT, "importCertificate"),
            vault("CertificatesResource.get", GET, "getCertificate"),
            vault("CertificatesResource.versions", LIST, "getCertificateVersions"),
            vault("CertificatesResource.getVersion", GET, "getCertificate"),
            vault("CertificatesResource.update", UPDATE, "updateCertificate"),
            vault("CertificatesResource.updateVersion", UPDATE, "updateCertificate"),
            vault("CertificatesResource.delete", DELETE, "deleteCertificate"),
            vault("CertificatesResource.policy", GET, "getCertificatePolicy"),
            vault("CertificatesResource.updatePolicy", UPDATE, "updateCertificatePolicy"),
            vault("CertificatesResource.merge", CREATE, "mergeCertificate"),
            vault("CertificatesResource.backup", BACKUP, "backupCertificate"),
            vault("CertificatesResource.restore", RESTORE, "restoreCertificate"),
            vault("CertificatesResource.pending", GET, "getCertificateOperation"),
            vault("CertificatesResource.cancel", UPDATE, "updateCertificateOperation"),
            // Key Vault: deleting a certificate's operation needs update, as cancelling it does.
            vault("CertificatesResource.deletePending", UPDATE, "deleteCertificateOperation"),
            // renewd's extension: a bulk re-issue makes renewd sign as create does; reading one is get.
            vault("CertificatesResource.reissue", CREATE, "startBulkReissue"),
            vault("ReissuesResource.list", GET, "getBulkReissues"),
            vault("ReissuesResource.get", GET, "getBulkReissue"),
            vault("ReissuesResource.cancel", CREATE, "cancelBulkReissue"),
            vault("ContactsResource.set", MANAGE_CONTACTS, "setCertificateContacts"),
            vault("ContactsResource.get", MANAGE_CONTACTS, "getCertificateContacts"),
            vault("ContactsResource.delete", MANAGE_CONTACTS, "deleteCertificateContacts"),
            vault("DeletedCertificatesResource.list", LIST, "getDeletedCertificates"),
            vault("DeletedCertificatesResource.get", GET, "getDeletedCertificate"),
            vault("DeletedCertificatesResource.recover", RECOVER, "recoverDeletedCertificate"),
            vault("DeletedCertificatesResource.purge", PURGE, "purgeDeletedCertificate"),
            vault("IssuersResource.list", LIST_ISSUERS, "getCertificateIssuers"),
            vault("IssuersResource.put", SET_ISSUERS, "setCertificateIssuer"),
            vault("IssuersResource.patch", SET_ISSUERS, "updateCertificateIssuer"),
            vault("IssuersResource.get", GET_ISSUERS, "getCertificateIssuer"),
            vault("IssuersResource.delete", DELETE_ISSUERS, "deleteCertificateIssuer"),
            vault("KeysResource.current", GET, "getKey"),
            vault("KeysResource.version", GET, "getKey"),
            vault("SecretsResource.current", GET, "getSecret"),
            vault("SecretsResource.version", GET, "getSecret"),
            vault("VaultResource.get", LIST, "getVault"),
            vault("VaultResource.delete", MANAGE_ACCESS, "deleteVault"),
            vault("AccessPoliciesResource.list", MANAGE_ACCESS, "getAccessPolicies"),
            vault("AccessPoliciesResource.get", MANAGE_ACCESS, "getAccessPolicy"),
            vault("AccessPoliciesResource.put", MANAGE_ACCESS, "setAccessPolicy"),
            vault("AccessPoliciesResource.delete", MANAGE_ACCESS, "deleteAccessPolicy"),
            vault("AuditResource.list", MANAGE_ACCESS, "getAuditTrail"),
            // Anyone who may list may read the rules; only Administrators may loosen or tighten them.
            vault("GuardrailsResource.get", LIST, "getGuardrails"),
            vault("GuardrailsResource.put", MANAGE_ACCESS, "setGuardrails"),
            vault("GuardrailsResource.delete", MANAGE_ACCESS, "deleteGuardrails"),
            Map.entry("VaultResource.put", new OperationRule.SetVault(MANAGE_ACCESS, "setVault")),
            Map.entry("VaultResource.list", new OperationRule.Authenticated("getVaults")),
            Map.entry("AdminResource.rewrap", new OperationRule.GlobalAdministrator("rewrapKeys")));

    private OperationRules() {
    }

    /** The rule of a resource method; empty for one nobody gave a rule (it is refused). */
    public static Optional<OperationRule> of(Class<?> resource, String method) {
        return Optional.ofNullable(RULES.get(resource.getSimpleName() + "." + method));
    }

    private static Map.Entry<String, OperationRule> vault(String method, Permission permission, String operation) {
        return Map.entry(method, new OperationRule.InVault(permission, operation));
    }
}
