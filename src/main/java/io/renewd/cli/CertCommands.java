package io.renewd.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import static io.renewd.cli.ApiClient.Route.KEY_VAULT;
import static io.renewd.cli.ApiClient.segment;

/** {@code renewctl cert …}: Key Vault's certificate routes of one vault. */
final class CertCommands {

    private static final Duration WAIT_LIMIT = Duration.ofMinutes(10);

    private CertCommands() {
    }

    static void run(Context context) {
        switch (context.run().command()) {
            case CERT_LIST -> list(context);
            case CERT_SHOW -> show(context);
            case CERT_CREATE -> create(context);
            case CERT_IMPORT -> importCertificate(context);
            case CERT_RENEW -> renew(context);
            case CERT_VERSIONS -> versions(context);
            case CERT_POLICY_GET -> policyGet(context);
            case CERT_POLICY_SET -> policySet(context);
            case CERT_DELETE -> delete(context);
            case CERT_RECOVER -> recover(context);
            case CERT_PURGE -> purge(context);
            case CERT_BACKUP -> backup(context);
            case CERT_RESTORE -> restore(context);
            default -> throw new IllegalArgumentException("not a cert command: " + context.run().command());
        }
    }

    private static void list(Context context) {
        boolean deleted = context.flag("--deleted");
        String path = (deleted ? "deletedcertificates" : "certificates") + (context.flag("--include-pending") ? "?includePending=true" : "");
        ObjectNode all = context.api().list(KEY_VAULT, path);
        if (context.json()) {
            context.printJson(all);
            return;
        }
        Table table = new Table(deleted ? List.of("NAME", "DELETED", "PURGED", "EXPIRES") : List.of("NAME", "ENABLED", "EXPIRES", "TAGS"));
        for (JsonNode item : all.path("value")) {
            String name = ObjectIds.certificateName(item.path("id").asText());
            JsonNode attributes = item.path("attributes");
            if (deleted) {
                table.row(List.of(Table.Cell.of(name), Table.Cell.of(when(context, item.path("deletedDate"))),
                        Table.Cell.of(when(context, item.path("scheduledPurgeDate"))), expires(context, attributes.path("exp"))));
            } else {
                table.row(List.of(Table.Cell.of(name), Table.Cell.of(attributes.path("enabled").asBoolean() ? "yes" : "no"),
                        expires(context, attributes.path("exp")), Table.Cell.of(tags(item.path("tags")))));
            }
        }
        printTable(context, table, deleted ? "no deleted certificates in vault " + context.api().vault()
                : "no certificates in vault " + context.api().vault());
    }

    private static void show(Context context) {
        String name = context.parameter(0);
        String version = context.option("--version");
        JsonNode bundle = context.api().get(KEY_VAULT, "certificates/" + segment(name) + (version == null ? "" : "/" + segment(version)));
        if (context.json()) {
            context.printJson(bundle);
            return;
        }
        context.print(summary(context, bundle).render(context.style()));
    }

    /** A certificate bundle as name-value rows: what a person looks at first. */
    static Table summary(Context context, JsonNode bundle) {
        JsonNode attributes = bundle.path("attributes");
        JsonNode policy = bundle.path("policy");
        JsonNode x509 = policy.path("x509_props");
        Table table = new Table(List.of());
        table.row("name", ObjectIds.certificateName(bundle.path("id").asText()));
        table.row("version", ObjectIds.certificateVersion(bundle.path("id").asText()));
        table.row("enabled", attributes.path("enabled").asBoolean() ? "yes" : "no");
        table.row("subject", text(x509.path("subject")));
        table.row("dns names", join(x509.path("sans").path("dns_names")));
        table.row("issuer", text(policy.path("issuer").path("name")));
        table.row("not before", when(context, attributes.path("nbf")));
        table.row(List.of(Table.Cell.of("expires"), expires(context, attributes.path("exp"))));
        JsonNode next = bundle.path("renewal").path("next");
        if (next.isObject()) {
            table.row("next action", next.path("action").asText() + " " + RelativeTime.dated(context.now(),
                    Instant.ofEpochSecond(next.path("dueAt").asLong())) + " (" + next.path("trigger").asText() + ")");
        }
        JsonNode fired = bundle.path("renewal").path("lastFired");
        if (fired.isObject()) {
            table.row("last fired", fired.path("action").asText() + " " + RelativeTime.dated(context.now(),
                    Instant.ofEpochSecond(fired.path("firedAt").asLong())) + (fired.path("late").asBoolean() ? ", late" : ""));
        }
        if (bundle.path("renewal").path("overdue").asBoolean()) {
            table.row(List.of(Table.Cell.of("overdue"), new Table.Cell("yes: a due action has not fired yet", Style.Colour.YELLOW)));
        }
        table.row("x5t", text(bundle.path("x5t")));
        table.row("tags", tags(bundle.path("tags")));
        if (bundle.has("recoveryId")) {
            table.row("deleted", when(context, bundle.path("deletedDate")));
            table.row("purged", when(context, bundle.path("scheduledPurgeDate")));
        }
        return table;
    }

    private static void create(Context context) {
        String name = context.parameter(0);
        ObjectNode body = Context.JSON.createObjectNode();
        if (context.option("--policy") != null) {
            ObjectNode policy = context.jsonFile("--policy");
            body.set("policy", policy.has("policy") ? policy.get("policy") : policy);
        } else if (context.option("--subject") != null) {
            body.set("policy", policyFromOptions(context));
        } else {
            throw CliFailure.usage("give the policy: --subject CN=… (with --issuer, --dns, --validity-months) or --policy FILE; "
                    + "to renew with the stored policy: renewctl cert renew " + name);
        }
        addTags(context, body);
        startOperation(context, name, body, "creation");
    }

    private static void renew(Context context) {
        startOperation(context, context.parameter(0), Context.JSON.createObjectNode(), "renewal");
    }

    private static void startOperation(Context context, String name, ObjectNode body, String what) {
        JsonNode operation = context.api().send("POST", KEY_VAULT, "certificates/" + segment(name) + "/create", body);
        if (!context.waits()) {
            if (context.json()) {
                context.printJson(operation);
            } else {
                String status = operation.path("status").asText();
                context.println(what + " of " + name + ": " + status
                        + (operation.hasNonNull("status_details") ? " (" + operation.path("status_details").asText() + ")" : "")
                        + ("inProgress".equals(status) ? "; follow it with: renewctl cert show " + name : ""));
            }
            return;
        }
        JsonNode ended = new OperationWaiter(context, name, context.timeout(WAIT_LIMIT)).await(operation);
        if ("completed".equals(ended.path("status").asText())) {
            JsonNode bundle = context.api().get(KEY_VAULT, "certificates/" + segment(name));
            if (context.json()) {
                context.printJson(bundle);
            } else {
                context.println(what + " of " + name + " completed");
                context.print(summary(context, bundle).render(context.style()));
            }
        } else if (context.json()) {
            context.printJson(ended);
        } else {
            context.println(what + " of " + name + ": " + ended.path("status").asText() + " ("
                    + ended.path("status_details").asText("") + ")");
        }
    }

    private static ObjectNode policyFromOptions(Context context) {
        ObjectNode policy = Context.JSON.createObjectNode();
        ObjectNode x509 = policy.putObject("x509_props");
        if (context.option("--subject") != null) {
            x509.put("subject", context.option("--subject"));
        }
        if (context.option("--dns") != null) {
            ArrayNode names = x509.putObject("sans").putArray("dns_names");
            split(context.option("--dns")).forEach(names::add);
        }
        if (context.option("--validity-months") != null) {
            x509.put("validity_months", positive(context, "--validity-months"));
        }
        if (x509.isEmpty()) {
            policy.remove("x509_props");
        }
        String issuer = context.option("--issuer");
        if (issuer != null || context.run().command() == Command.CERT_CREATE) {
            policy.putObject("issuer").put("name", issuer == null ? "Self" : issuer);
        }
        return policy;
    }

    private static void importCertificate(Context context) {
        String name = context.parameter(0);
        byte[] file = context.bytesFile(requiredFile(context));
        String text = new String(file, StandardCharsets.UTF_8);
        ObjectNode body = Context.JSON.createObjectNode();
        // PEM goes as its text; anything else (a PFX) as base64, as Key Vault's import takes them.
        body.put("value", text.contains("-----BEGIN") ? text : Base64.getEncoder().encodeToString(file));
        String password = context.option("--password") != null ? context.option("--password") : context.env().get("RENEWD_IMPORT_PASSWORD");
        if (password != null) {
            body.put("pwd", password);
        }
        if (context.option("--policy") != null) {
            ObjectNode policy = context.jsonFile("--policy");
            body.set("policy", policy.has("policy") ? policy.get("policy") : policy);
        }
        addTags(context, body);
        JsonNode bundle = context.api().send("POST", KEY_VAULT, "certificates/" + segment(name) + "/import", body);
        if (context.json()) {
            context.printJson(bundle);
        } else {
            context.println("imported " + name);
            context.print(summary(context, bundle).render(context.style()));
        }
    }

    private static void versions(Context context) {
        ObjectNode all = context.api().list(KEY_VAULT, "certificates/" + segment(context.parameter(0)) + "/versions");
        if (context.json()) {
            context.printJson(all);
            return;
        }
        List<JsonNode> items = new ArrayList<>();
        all.path("value").forEach(items::add);
        // Newest first, as a person reads a history.
        items.sort((a, b) -> Long.compare(b.path("attributes").path("created").asLong(), a.path("attributes").path("created").asLong()));
        Table table = new Table(List.of("VERSION", "ENABLED", "CREATED", "EXPIRES"));
        for (JsonNode item : items) {
            JsonNode attributes = item.path("attributes");
            table.row(List.of(Table.Cell.of(ObjectIds.certificateVersion(item.path("id").asText())),
                    Table.Cell.of(attributes.path("enabled").asBoolean() ? "yes" : "no"),
                    Table.Cell.of(when(context, attributes.path("created"))), expires(context, attributes.path("exp"))));
        }
        printTable(context, table, "no versions of " + context.parameter(0));
    }

    private static void policyGet(Context context) {
        JsonNode policy = context.api().get(KEY_VAULT, "certificates/" + segment(context.parameter(0)) + "/policy");
        printObject(context, policy);
    }

    private static void policySet(Context context) {
        ObjectNode change;
        if (context.option("--file") != null) {
            change = context.jsonFile("--file");
        } else {
            change = policyFromOptions(context);
            if (change.isEmpty()) {
                throw CliFailure.usage("say what to change: --file FILE (JSON policy members), or --subject, --issuer, --dns, --validity-months");
            }
        }
        JsonNode policy = context.api().send("PATCH", KEY_VAULT, "certificates/" + segment(context.parameter(0)) + "/policy", change);
        printObject(context, policy);
    }

    private static void delete(Context context) {
        String name = context.parameter(0);
        JsonNode deleted = context.api().send("DELETE", KEY_VAULT, "certificates/" + segment(name), null);
        if (context.json()) {
            context.printJson(deleted);
        } else {
            context.println("deleted " + name + (deleted.has("scheduledPurgeDate")
                    ? "; recoverable until " + when(context, deleted.path("scheduledPurgeDate")) + " (renewctl cert recover " + name + ")"
                    : ""));
        }
    }

    private static void recover(Context context) {
        String name = context.parameter(0);
        JsonNode bundle = context.api().send("POST", KEY_VAULT, "deletedcertificates/" + segment(name) + "/recover", null);
        if (context.json()) {
            context.printJson(bundle);
        } else {
            context.println("recovered " + name);
        }
    }

    private static void purge(Context context) {
        String name = context.parameter(0);
        JsonNode answer = context.api().send("DELETE", KEY_VAULT, "deletedcertificates/" + segment(name), null);
        if (context.json()) {
            context.printJson(answer.isNull() ? Context.JSON.createObjectNode() : answer);
        } else {
            context.println("purged " + name);
        }
    }

    private static void backup(Context context) {
        String name = context.parameter(0);
        JsonNode backup = context.api().send("POST", KEY_VAULT, "certificates/" + segment(name) + "/backup", null);
        String file = context.option("--file");
        if (file == null) {
            if (context.json()) {
                context.printJson(backup);
            } else {
                context.println(backup.path("value").asText());
            }
            return;
        }
        try {
            Files.writeString(Path.of(file), backup.path("value").asText(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new CliFailure(ExitCode.USAGE, "--file: cannot write " + file + ": " + e.getMessage());
        }
        if (context.json()) {
            context.printJson(Context.JSON.createObjectNode().put("file", file));
        } else {
            context.println("backup of " + name + " written to " + file);
        }
    }

    private static void restore(Context context) {
        String blob = context.textFile(requiredFile(context)).strip();
        if (blob.startsWith("{")) {
            blob = context.jsonFile("--file").path("value").asText();
        }
        ObjectNode body = Context.JSON.createObjectNode().put("value", blob);
        JsonNode bundle = context.api().send("POST", KEY_VAULT, "certificates/restore", body);
        if (context.json()) {
            context.printJson(bundle);
        } else {
            context.println("restored " + ObjectIds.certificateName(bundle.path("id").asText()) + " into vault " + context.api().vault());
        }
    }

    private static String requiredFile(Context context) {
        context.required("--file", "the file to read");
        return "--file";
    }

    private static void addTags(Context context, ObjectNode body) {
        String tags = context.option("--tags");
        if (tags == null) {
            return;
        }
        ObjectNode object = body.putObject("tags");
        for (String tag : split(tags)) {
            int equals = tag.indexOf('=');
            if (equals <= 0) {
                throw CliFailure.usage("--tags takes name=value pairs separated by commas, not '" + tag + "'");
            }
            object.put(tag.substring(0, equals), tag.substring(equals + 1));
        }
    }

    private static int positive(Context context, String option) {
        try {
            int value = Integer.parseInt(context.option(option));
            if (value > 0) {
                return value;
            }
        } catch (NumberFormatException notANumber) {
            // said below
        }
        throw CliFailure.usage(option + " takes a whole number above 0, not '" + context.option(option) + "'");
    }

    static List<String> split(String list) {
        return java.util.Arrays.stream(list.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    static void printObject(Context context, JsonNode node) {
        if (context.json()) {
            context.printJson(node);
        } else {
            context.print(Flattened.table(node).render(context.style()));
        }
    }

    static void printTable(Context context, Table table, String whenEmpty) {
        if (table.isEmpty()) {
            context.note(whenEmpty);
        } else {
            context.print(table.render(context.style()));
        }
    }

    /** The expiry, coloured by how soon: red when expired or within 7 days, yellow within 30. */
    static Table.Cell expires(Context context, JsonNode unixSeconds) {
        if (!unixSeconds.canConvertToLong() || unixSeconds.isNull() || unixSeconds.isMissingNode()) {
            return Table.Cell.of("-");
        }
        Instant exp = Instant.ofEpochSecond(unixSeconds.asLong());
        Duration left = Duration.between(context.now(), exp);
        Style.Colour colour = left.toDays() < 7 ? Style.Colour.RED : left.toDays() < 30 ? Style.Colour.YELLOW : Style.Colour.GREEN;
        return new Table.Cell(RelativeTime.dated(context.now(), exp), colour);
    }

    static String when(Context context, JsonNode unixSeconds) {
        return unixSeconds.isNumber() ? RelativeTime.dated(context.now(), Instant.ofEpochSecond(unixSeconds.asLong())) : "-";
    }

    private static String text(JsonNode node) {
        return node.isMissingNode() || node.isNull() ? "-" : node.asText();
    }

    private static String join(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values.isEmpty() ? "-" : String.join(", ", values);
    }

    static String tags(JsonNode tags) {
        List<String> pairs = new ArrayList<>();
        tags.properties().forEach(tag -> pairs.add(tag.getKey() + "=" + tag.getValue().asText()));
        return pairs.isEmpty() ? "" : String.join(",", pairs);
    }
}
