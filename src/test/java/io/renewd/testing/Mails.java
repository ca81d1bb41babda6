package io.renewd.testing;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;

/** Reads what GreenMail received: the mails to one address, and their decoded text and HTML parts. */
public final class Mails {

    private Mails() {
    }

    public static List<MimeMessage> to(String address) {
        return Arrays.stream(RealServices.get().greenMail().getReceivedMessages()).filter(m -> {
            try {
                return Arrays.stream(m.getAllRecipients()).anyMatch(r -> r.toString().contains(address));
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    public static String subject(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String text(MimeMessage message) {
        return part(message, "text/plain");
    }

    public static String html(MimeMessage message) {
        return part(message, "text/html");
    }

    private static String part(MimeMessage message, String type) {
        try {
            return find(message.getContent(), type);
        } catch (IOException | MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String find(Object content, String type) throws MessagingException, IOException {
        if (content instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart part = multipart.getBodyPart(i);
                String found = part.isMimeType(type) ? (String) part.getContent() : find(part.getContent(), type);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }
}
