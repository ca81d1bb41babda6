package io.renewd.domain;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class IssuerLimitsTest {

    static Stream<Arguments> limits() {
        return Stream.of(
                arguments(null, null, null),
                arguments(1, 1, null),
                arguments(4, 300, null),
                arguments(IssuerLimits.MAX_CONCURRENT, IssuerLimits.MAX_ORDERS_PER_HOUR, null),
                arguments(0, null, "limits.max_concurrent 0 is out of range: 1 to 1000"),
                arguments(-3, 300, "limits.max_concurrent -3 is out of range"),
                arguments(IssuerLimits.MAX_CONCURRENT + 1, null, "limits.max_concurrent 1001 is out of range"),
                arguments(null, 0, "limits.max_orders_per_hour 0 is out of range: 1 to 1000000"),
                arguments(2, -1, "limits.max_orders_per_hour -1 is out of range"),
                arguments(2, IssuerLimits.MAX_ORDERS_PER_HOUR + 1, "limits.max_orders_per_hour 1000001 is out of range"));
    }

    @ParameterizedTest(name = "max_concurrent {0}, max_orders_per_hour {1}")
    @MethodSource("limits")
    void eachLimitIsAPositiveIntegerInItsRange(Integer maxConcurrent, Integer maxOrdersPerHour, String problem) {
        Optional<String> found = new IssuerLimits(maxConcurrent, maxOrdersPerHour).problem();
        if (problem == null) {
            assertThat(found).isEmpty();
        } else {
            assertThat(found).hasValueSatisfying(message -> assertThat(message).startsWith(problem));
        }
    }

    @Test
    void aBadLimitRefusesTheWholeIssuer() {
        var draft = new IssuerDraft("ca", null, new IssuerProvider.InternalCa("root-ca"), null, null, null, new IssuerLimits(0, null));
        assertThat(IssuerRules.check("team-ca", draft)).isEqualTo(
                new IssuerRules.Result.Invalid(Violation.badParameter("limits.max_concurrent 0 is out of range: 1 to 1000")));
    }

    @Test
    void aPatchChangesOnlyTheLimitItSends() {
        var stored = new IssuerDraft("ca", null, new IssuerProvider.InternalCa("root-ca"), null, null, true, new IssuerLimits(4, 300));
        var patched = new IssuerDraft(null, null, null, null, null, null, new IssuerLimits(null, 50)).over(stored);
        assertThat(patched.limits()).isEqualTo(new IssuerLimits(4, 50));
        assertThat(new IssuerDraft(null, null, null, null, null, false).over(stored).limits()).isEqualTo(new IssuerLimits(4, 300));
    }
}
