package io.renewd.testing;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The DNS-01 tests' BIND: accepts TSIG-signed updates, answers them, and keeps them over a restart (its journal). */
class BindServerTest {

    @Test
    void acceptsSignedUpdatesAndKeepsThemOverARestart() {
        try (BindServer bind = BindServer.start(List.of("bind-helper.test"), List.of("www IN TXT \"static\""))) {
            assertThat(bind.txt("www.bind-helper.test")).containsExactly("static");

            bind.addTxt("bind-helper.test", "_acme-challenge.bind-helper.test", "added");
            assertThat(bind.txt("_acme-challenge.bind-helper.test")).containsExactly("added");

            bind.stop();
            bind.start();
            assertThat(bind.txt("_acme-challenge.bind-helper.test")).containsExactly("added");
        }
    }
}
