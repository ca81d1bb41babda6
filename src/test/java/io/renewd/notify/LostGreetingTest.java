package io.renewd.notify;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.renewd.testing.Mails;
import io.renewd.testing.RealServices;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A send whose SMTP greeting got lost (the mail client then waits for it until the server gives
 * up) is tried once more on a new connection after quarkus.mailer.timeout, and the mail arrives once.
 */
@QuarkusTest
@TestProfile(LostGreetingTest.BehindProxy.class)
class LostGreetingTest {

    /**
     * Mails go through the test SMTP proxy, which can lose a greeting, each on a new connection;
     * sends give up after 3 s. No notifier runs, so the test's send is the only one.
     */
    public static class BehindProxy implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.mailer.port", "${test.smtp-proxy-port}", "quarkus.mailer.timeout", "3s",
                    "quarkus.mailer.keep-alive", "false", "renewd.roles", "api");
        }
    }

    @Inject
    MailSender sender;

    @Test
    void aSendLeftWithoutGreetingIsTriedOnceMoreAndArrivesOnce() {
        String recipient = "lost-greeting-" + UUID.randomUUID() + "@example.com";
        RealServices.get().smtpProxy().swallowNextGreeting();

        // Without the second try this throws: the first connection never gets its greeting.
        sender.send(new MailMessage(List.of(recipient), "renewal failed", "text", "<p>html</p>"));

        assertThat(Mails.to(recipient)).hasSize(1);
    }
}
