package io.renewd.domain.schedule;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NoticeLifetimeRuleTest {

    @ParameterizedTest(name = "a version living {0} gets the {1} notice: {2}")
    @CsvSource({
            "PT10M, P30D, false",
            "PT10M, P15D, false",
            "PT10M,  P7D, false",
            "  P6D, P30D, false",
            "  P6D, P15D, false",
            "  P6D,  P7D, false",
            " P45D, P30D, false",
            " P45D, P15D, true",
            " P45D,  P7D, true",
            " P90D, P30D, true",
            " P90D, P15D, true",
            " P90D,  P7D, true",
            "P365D, P30D, true",
            "P365D, P15D, true",
            "P365D,  P7D, true"})
    void byDefaultANoticeIsForVersionsLivingLongerThanTwiceItsLeadTime(Duration lifetime, Duration lead, boolean applies) {
        assertThat(NoticeLifetimeRule.DEFAULT.applies(lifetime, lead)).isEqualTo(applies);
    }

    @ParameterizedTest(name = "factor {0}: {1} against the {2} notice: {3}")
    @CsvSource({
            "2,   P60D, P30D, false",
            "2, PT1439H, P30D, false",
            "2, P60DT1S, P30D, true",
            "3,   P90D, P30D, false",
            "3,   P91D, P30D, true",
            "0,  PT10M, P30D, true",
            "0,   PT1S,  P7D, true"})
    void theVersionMustOutliveTheFactorTimesTheLeadTimeAndFactorZeroGivesEveryNotice(int factor, Duration lifetime, Duration lead, boolean applies) {
        assertThat(new NoticeLifetimeRule(factor).applies(lifetime, lead)).isEqualTo(applies);
    }

    @Test
    void aNegativeFactorIsRefused() {
        assertThatThrownBy(() -> new NoticeLifetimeRule(-1)).hasMessageContaining("must not be negative: -1");
    }
}
