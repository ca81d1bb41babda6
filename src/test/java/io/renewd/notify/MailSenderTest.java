package io.renewd.notify;

import io.quarkus.test.junit.QuarkusTest;
import io.renewd.testing.RealServices;
import jakarta.inject.Inject;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@QuarkusTest
class MailSenderTest {

    @Inject
    MailSender sender;

    @Test
    void mailArrivesAtTheSmtpServerWithRecipientSubjectAndBothBodies() throws Exception {
        String subject = "Certificate web-frontend expires in 7 days " + UUID.randomUUID();

        sender.send(new MailMessage(List.of("oncall@example.com"), subject,
                "web-frontend expires on 2026-12-01.", "<p>web-frontend expires on 2026-12-01.</p>"));

        MimeMessage received = Arrays.stream(RealServices.get().greenMail().getReceivedMessages())
                .filter(m -> subjectOf(m).equals(subject))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no mail with subject " + subject));
        assertThat(received.getRecipients(Message.RecipientType.TO))
                .extracting(Object::toString).containsExactly("oncall@example.com");
        String raw = new String(received.getRawInputStream().readAllBytes());
        assertThat(raw).contains("web-frontend expires on 2026-12-01.")
                .contains("<p>web-frontend expires on 2026-12-01.</p>");
    }

    private static String subjectOf(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aMailWithoutRecipientsIsRefusedBeforeAnythingIsSent() {
        assertThatThrownBy(
                        () -> new MailMessage(List.of(), "s", "t", "h"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("recipient");
    }
}
