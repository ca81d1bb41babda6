package io.renewd.domain.notify;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class FailureEscalationTest {

    private static final Instant NOW = Instant.parse("2026-03-10T08:00:00Z");
    private static final FailureEscalation ESCALATION = new FailureEscalation(Duration.ofDays(1), List.of(7, 3, 1));

    @ParameterizedTest(name = "last sent {0} ago, last threshold {1}, {2} days left -> send {3}, remember {4}")
    @CsvSource(nullValues = "-", delimiter = '|', textBlock = """
            # last sent ago | last threshold | days left | send  | remembered threshold
            -               | -              | 20        | true  | -
            -               | -              | -         | true  | -
            PT2H            | -              | 20        | false | -
            PT23H59M        | -              | 20        | false | -
            PT24H           | -              | 20        | true  | -
            PT2H            | -              | 7         | true  | 7
            PT2H            | 7              | 6         | false | 7
            PT2H            | 7              | 3         | true  | 3
            PT2H            | 3              | 2         | false | 3
            PT2H            | 3              | 1         | true  | 1
            PT2H            | 1              | 0         | false | 1
            PT2H            | 1              | -2        | false | 1
            PT30H           | 1              | 0         | true  | 1
            PT2H            | -              | 2         | true  | 3
            PT2H            | 7              | -         | false | 7
            """)
    void decides(Duration lastSentAgo, Integer lastThreshold, Long daysLeft, boolean send, Integer remembered) {
        var decision = ESCALATION.decide(Optional.ofNullable(lastSentAgo).map(NOW::minus), Optional.ofNullable(lastThreshold),
                Optional.ofNullable(daysLeft), NOW);
        assertThat(decision.send()).isEqualTo(send);
        assertThat(decision.threshold()).isEqualTo(Optional.ofNullable(remembered));
    }
}
