package io.renewd.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

import static io.renewd.cli.ApiClient.Route.KEY_VAULT;

/** {@code renewctl contacts …}: who hears about the vault's certificates. */
final class ContactsCommands {

    private static final String PATH = "certificates/contacts";

    private ContactsCommands() {
    }

    static void run(Context context) {
        switch (context.run().command()) {
            case CONTACTS_GET -> print(context, context.api().get(KEY_VAULT, PATH));
            case CONTACTS_SET -> print(context, context.api().send("PUT", KEY_VAULT, PATH, body(context)));
            case CONTACTS_DELETE -> {
                JsonNode removed = context.api().send("DELETE", KEY_VAULT, PATH, null);
                if (context.json()) {
                    context.printJson(removed);
                } else {
                    context.println("removed the contacts of vault " + context.api().vault());
                }
            }
            default -> throw new IllegalArgumentException("not a contacts command: " + context.run().command());
        }
    }

    private static ObjectNode body(Context context) {
        if (context.option("--file") != null) {
            return context.jsonFile("--file");
        }
        String emails = context.required("--email", "the addresses, separated by commas (or --file with the whole body)");
        ObjectNode body = Context.JSON.createObjectNode();
        ArrayNode contacts = body.putArray("contacts");
        CertCommands.split(emails).forEach(email -> contacts.addObject().put("email", email));
        if (contacts.isEmpty()) {
            throw CliFailure.usage("--email names no address");
        }
        return body;
    }

    private static void print(Context context, JsonNode contacts) {
        if (context.json()) {
            context.printJson(contacts);
            return;
        }
        Table table = new Table(List.of("EMAIL", "NAME", "PHONE"));
        contacts.path("contacts").forEach(c -> table.row(c.path("email").asText(""), c.path("name").asText(""), c.path("phone").asText("")));
        CertCommands.printTable(context, table, "no contacts in vault " + context.api().vault());
    }
}
