package io.renewd.domain;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** What a contact list must look like: each contact with a deliverable-looking email address. */
public final class ContactRules {

    public static final int MAX_CONTACTS = 100;
    private static final Pattern EMAIL = Pattern.compile("^[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)*$");

    private ContactRules() {
    }

    /** The first problem with the list, if any. */
    public static Optional<Violation> check(List<Contact> contacts) {
        if (contacts.size() > MAX_CONTACTS) {
            return Optional.of(Violation.badParameter("at most " + MAX_CONTACTS + " contacts are allowed, got " + contacts.size()));
        }
        for (int i = 0; i < contacts.size(); i++) {
            Contact contact = contacts.get(i);
            if (contact == null || contact.email() == null || contact.email().isBlank()) {
                return Optional.of(Violation.badParameter("contacts[" + i + "].email is required"));
            }
            if (contact.email().length() > 320 || !EMAIL.matcher(contact.email()).matches()) {
                return Optional.of(Violation.badParameter("contacts[" + i + "].email '" + contact.email() + "' is not an email address"));
            }
            if (contact.name() != null && contact.name().length() > 256) {
                return Optional.of(Violation.badParameter("contacts[" + i + "].name is longer than 256 characters"));
            }
            if (contact.phone() != null && contact.phone().length() > 64) {
                return Optional.of(Violation.badParameter("contacts[" + i + "].phone is longer than 64 characters"));
            }
        }
        return Optional.empty();
    }
}
