package io.renewd.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

import static io.renewd.cli.ApiClient.Route.KEY_VAULT;
import static io.renewd.cli.ApiClient.segment;

/** {@code renewctl issuer …}: the vault's certificate issuers (Key Vault's issuer routes, with renewd's acme and ca members). */
final class IssuerCommands {

    private IssuerCommands() {
    }

    static void run(Context context) {
        switch (context.run().command()) {
            case ISSUER_LIST -> list(context);
            case ISSUER_SHOW -> CertCommands.printObject(context, context.api().get(KEY_VAULT, path(context)));
            case ISSUER_SET -> set(context);
            case ISSUER_DELETE -> delete(context);
            default -> throw new IllegalArgumentException("not an issuer command: " + context.run().command());
        }
    }

    private static void list(Context context) {
        ObjectNode all = context.api().list(KEY_VAULT, "certificates/issuers");
        if (context.json()) {
            context.printJson(all);
            return;
        }
        Table table = new Table(List.of("NAME", "PROVIDER"));
        all.path("value").forEach(item -> table.row(ObjectIds.issuerName(item.path("id").asText()), item.path("provider").asText()));
        CertCommands.printTable(context, table, "no issuers in vault " + context.api().vault());
    }

    private static void set(Context context) {
        ObjectNode body;
        if (context.option("--file") != null) {
            body = context.jsonFile("--file");
            if (context.option("--provider") != null) {
                body.put("provider", context.option("--provider"));
            }
        } else {
            body = fromOptions(context);
        }
        JsonNode issuer = context.api().send("PUT", KEY_VAULT, path(context), body);
        CertCommands.printObject(context, issuer);
    }

    private static ObjectNode fromOptions(Context context) {
        String provider = context.required("--provider", "acme, ca, or another provider name (or give --file with the whole body)");
        ObjectNode body = Context.JSON.createObjectNode().put("provider", provider);
        String directory = context.option("--directory-url");
        String contact = context.option("--contact");
        String caCertificate = context.option("--ca-certificate");
        if (directory != null || contact != null) {
            if (!"acme".equals(provider)) {
                throw CliFailure.usage("--directory-url and --contact are for --provider acme");
            }
            ObjectNode acme = body.putObject("acme");
            if (directory != null) {
                acme.put("directory_url", directory);
            }
            if (contact != null) {
                acme.put("contact", contact);
            }
        }
        if (caCertificate != null) {
            if (!"ca".equals(provider)) {
                throw CliFailure.usage("--ca-certificate is for --provider ca");
            }
            body.putObject("ca").put("certificate_name", caCertificate);
        }
        return body;
    }

    private static void delete(Context context) {
        JsonNode deleted = context.api().send("DELETE", KEY_VAULT, path(context), null);
        if (context.json()) {
            context.printJson(deleted);
        } else {
            context.println("deleted issuer " + context.parameter(0));
        }
    }

    private static String path(Context context) {
        return "certificates/issuers/" + segment(context.parameter(0));
    }
}
