package io.renewd.domain.bulk;

/**
 * How far a bulk re-issue got: {@code failed} counts operations that ended failed and the
 * certificates that got none (refused at selection).
 */
public record BulkCounts(int selected, int done, int failed, int inProgress, int cancelled) {
}
