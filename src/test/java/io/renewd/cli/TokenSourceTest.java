package io.renewd.cli;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TokenSourceTest {

    @RepeatedTest(100)
    void aFailingTokenCommandsErrorIsReported() {
        // Its stderr is read on another thread; the message must not be lost when that thread is slower than the exit.
        var source = new TokenSource(Map.of(TokenSource.TOKEN_COMMAND, "echo 'not signed in' >&2; exit 4"));

        assertThatThrownBy(source::token)
                .isInstanceOfSatisfying(CliFailure.class, f -> assertThat(f.exitCode()).isEqualTo(ExitCode.NOT_AUTHENTICATED))
                .hasMessage("RENEWD_TOKEN_COMMAND failed (exit 4): not signed in");
    }

    @Test
    void aFailingTokenCommandWithoutErrorOutputSaysSo() {
        var source = new TokenSource(Map.of(TokenSource.TOKEN_COMMAND, "exit 5"));

        assertThatThrownBy(source::token).hasMessage("RENEWD_TOKEN_COMMAND failed (exit 5) and printed nothing on stderr");
    }

    @Test
    void theTokenIsTheCommandsOutputWithoutItsLineBreak() {
        assertThat(new TokenSource(Map.of(TokenSource.TOKEN_COMMAND, "printf 'abc.def\\n'")).token()).isEqualTo("abc.def");
    }
}
