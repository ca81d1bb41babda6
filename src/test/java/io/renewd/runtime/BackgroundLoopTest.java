package io.renewd.runtime;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BackgroundLoopTest {

    private static final Duration HOUR = Duration.ofHours(1);

    @Test
    void aProcessWithoutTheRoleNeverRunsTheWork() {
        AtomicInteger runs = new AtomicInteger();
        var loop = new BackgroundLoop("test-inactive", false, HOUR, runs::incrementAndGet);

        loop.start();
        loop.wake();
        loop.stop();

        assertThat(runs).hasValue(0);
    }

    @Test
    void runsAtStartAndWhenWoken() throws InterruptedException {
        CountDownLatch first = new CountDownLatch(1);
        CountDownLatch second = new CountDownLatch(2);
        var loop = new BackgroundLoop("test-wake", true, HOUR, () -> {
            first.countDown();
            second.countDown();
        });
        try {
            loop.start();
            assertThat(first.await(10, TimeUnit.SECONDS)).as("ran at start").isTrue();
            // The interval is an hour: only the wake can make the second run.
            loop.wake();
            assertThat(second.await(10, TimeUnit.SECONDS)).as("ran when woken").isTrue();
        } finally {
            loop.stop();
        }
    }

    @Test
    void aWakeInADelayShorterThanTheIntervalRunsOnceMoreAfterIt() throws InterruptedException {
        CountDownLatch first = new CountDownLatch(1);
        CountDownLatch second = new CountDownLatch(2);
        var loop = new BackgroundLoop("test-wake-in", true, HOUR, () -> {
            first.countDown();
            second.countDown();
        });
        try {
            loop.start();
            assertThat(first.await(10, TimeUnit.SECONDS)).as("ran at start").isTrue();
            // The interval is an hour: only the delayed wake can make the second run.
            loop.wakeIn(Duration.ofMillis(200));
            assertThat(second.await(10, TimeUnit.SECONDS)).as("ran after the delay").isTrue();
        } finally {
            loop.stop();
        }
    }

    @Test
    void aDelayedWakeRunsNothingWithoutTheRoleNorAfterStop() throws InterruptedException {
        AtomicInteger runs = new AtomicInteger();
        var inactive = new BackgroundLoop("test-wake-in-inactive", false, HOUR, runs::incrementAndGet);
        var stopped = new BackgroundLoop("test-wake-in-stopped", true, HOUR, runs::incrementAndGet);
        stopped.stop();

        inactive.wakeIn(Duration.ZERO);
        stopped.wakeIn(Duration.ZERO);
        // Nothing is expected to happen: a short window in which a run would have shown.
        Thread.sleep(300);

        assertThat(runs).hasValue(0);
    }

    @Test
    void stopLetsTheStepInHandFinishAndStartsNothingNew() throws InterruptedException {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean finished = new AtomicBoolean();
        AtomicInteger runs = new AtomicInteger();
        var loop = new BackgroundLoop("test-stop", true, HOUR, () -> {
            runs.incrementAndGet();
            entered.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            finished.set(true);
        });
        loop.wake();
        assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();

        Thread stopper = Thread.ofPlatform().start(loop::stop);
        // The step in hand learns of the stop between two of its steps.
        while (!loop.stopping()) {
            Thread.onSpinWait();
        }
        release.countDown();
        stopper.join(Duration.ofSeconds(10));

        assertThat(stopper.isAlive()).as("stop returned").isFalse();
        assertThat(finished).as("the step in hand finished before stop returned").isTrue();
        loop.wake();
        assertThat(runs).as("nothing runs after stop").hasValue(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"PT0S", "PT-1S"})
    void refusesAnIntervalThatIsNotPositive(String interval) {
        assertThatThrownBy(() -> new BackgroundLoop("test-interval", true, Duration.parse(interval), () -> { }))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("test-interval")
                .hasMessageContaining("positive");
    }
}
