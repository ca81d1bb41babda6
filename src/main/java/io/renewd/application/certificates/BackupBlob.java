package io.renewd.application.certificates;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** What a backup holds: the certificate's policy and every version with its key. Sealed before it leaves renewd. */
record BackupBlob(String format, String name, String policy, Instant policyCreated, Instant policyUpdated, Instant created,
                  List<Version> versions) {

    static final String FORMAT = "renewd-certificate-backup-1";

    record Version(String version, byte[] der, byte[] chain, byte[] publicKey, byte[] privateKey, boolean exportable, boolean enabled,
                   Map<String, String> tags, String cause, Instant created, Instant updated) {
    }
}
