package io.renewd.domain;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.util.Optional;

/**
 * How hard renewd may use one named issuer, across all replicas (renewd's {@code limits} member of an issuer):
 * {@code maxConcurrent} attempts at once (absent: the deployment's {@code renewd.renewer.issuer-max-concurrent} for an
 * issuer renewd calls over the network; none for a {@code ca} issuer, which signs in the process as Self does),
 * {@code maxOrdersPerHour} new orders in any hour (absent: no limit), so a public CA's rate limits are respected.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record IssuerLimits(Integer maxConcurrent, Integer maxOrdersPerHour) {

    /** More than this many attempts at once on one issuer is a mistake, not a setting. */
    public static final int MAX_CONCURRENT = 1000;
    /** A ceiling far above any public CA's limit (Let's Encrypt: 300 new orders per 3 hours). */
    public static final int MAX_ORDERS_PER_HOUR = 1_000_000;

    /** This record's members where present, {@code base}'s elsewhere. */
    public IssuerLimits over(IssuerLimits base) {
        if (base == null) {
            return this;
        }
        return new IssuerLimits(maxConcurrent != null ? maxConcurrent : base.maxConcurrent,
                maxOrdersPerHour != null ? maxOrdersPerHour : base.maxOrdersPerHour);
    }

    /** The first member out of range, named as in the JSON. */
    public Optional<String> problem() {
        if (maxConcurrent != null && (maxConcurrent < 1 || maxConcurrent > MAX_CONCURRENT)) {
            return Optional.of("limits.max_concurrent " + maxConcurrent + " is out of range: 1 to " + MAX_CONCURRENT);
        }
        if (maxOrdersPerHour != null && (maxOrdersPerHour < 1 || maxOrdersPerHour > MAX_ORDERS_PER_HOUR)) {
            return Optional.of("limits.max_orders_per_hour " + maxOrdersPerHour + " is out of range: 1 to " + MAX_ORDERS_PER_HOUR);
        }
        return Optional.empty();
    }
}
