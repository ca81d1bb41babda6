package io.renewd.application.inventory;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class BurstDeferralTest {

    /** Sweep busy (B) or idle (-) at each run, and whether each run waits (W) or refreshes (R), with a bound of 3 in a row. */
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "-----,    RRRRR",
            "B-,       WR",
            "BBB,      WWW",
            "BBBB,     WWWR",
            "BBBBBBBB, WWWRWWWR",
            "BB-BBBB,  WWRWWWR",
            "-BB-B,    RWWRW",
    })
    void waitsForABusySweepAtMostThreeRunsInARow(String sweep, String expected) {
        BurstDeferral deferral = new BurstDeferral(3);
        List<String> runs = new ArrayList<>();
        for (char busy : sweep.toCharArray()) {
            runs.add(deferral.defer(busy == 'B') ? "W" : "R");
        }
        assertThat(String.join("", runs)).isEqualTo(expected);
    }
}
