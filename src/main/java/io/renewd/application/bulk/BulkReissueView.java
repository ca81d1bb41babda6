package io.renewd.application.bulk;

import io.renewd.domain.bulk.BulkCounts;
import io.renewd.domain.bulk.BulkStatus;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** A bulk re-issue as its caller reads it: the request, progress counted from its operations, and the certificates that failed. */
public record BulkReissueView(UUID id, String vault, BulkStatus status, String reason, Map<String, Object> selector, Instant created,
                              Optional<Instant> ended, BulkCounts counts, List<CertificateFailure> failures) {

    /** One certificate the bulk could not re-issue: its name and why (the operation's error, or why it got none). */
    public record CertificateFailure(String name, String code, String message) {
    }
}
