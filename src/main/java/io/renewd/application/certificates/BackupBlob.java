package io.renewd.application.certificates;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a backup holds: the certificate's policy, its preserveCertOrder flag and every version with its key (and, with
 * the flag, its certificates in the order they were given). Sealed before it leaves renewd.
 */
record BackupBlob(String format, String name, String policy, Instant policyCreated, Instant policyUpdated, Instant created,
                  Boolean preserveCertOrder, List<Version> versions) {

    /** Format 2 added preserveCertOrder and presentedChain; a format 1 blob has neither (the flag false, chains leaf first). */
    static final String FORMAT = "renewd-certificate-backup-2";
    static final Set<String> READABLE = Set.of("renewd-certificate-backup-1", FORMAT);
    /** Every format is sealed under format 1's context, so an older renewd opens a newer blob and names its format. */
    static final String CONTEXT = "backup:renewd-certificate-backup-1";

    record Version(String version, byte[] der, byte[] chain, byte[] publicKey, byte[] privateKey, boolean exportable, boolean enabled,
                   Map<String, String> tags, String cause, Instant created, Instant updated, byte[] presentedChain) {
    }
}
