package io.renewd.api;

import io.renewd.domain.bulk.ReissueSelectors;

/**
 * renewd's extension {@code POST /vaults/{vault}/certificates/reissue}: a selector with exactly one member
 * ({@code issuer}, {@code signedBy: {name, version?}}, {@code serialNumbers}, {@code thumbprints} or
 * {@code expiringBefore}) and the reason (kept with the request, in its events and in the audit trail).
 */
public record BulkReissueRequest(ReissueSelectors.Draft selector, String reason) {
}
