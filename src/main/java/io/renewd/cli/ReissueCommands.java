package io.renewd.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static io.renewd.cli.ApiClient.Route.RENEWD;
import static io.renewd.cli.ApiClient.segment;

/** {@code renewctl reissue …}: renewd's bulk re-issue (its own routes: no api-version). */
final class ReissueCommands {

    private static final List<String> SELECTORS = List.of("--issuer", "--signed-by", "--serial-numbers", "--thumbprints", "--expiring-before");

    private ReissueCommands() {
    }

    static void run(Context context) {
        switch (context.run().command()) {
            case REISSUE_START -> start(context);
            case REISSUE_LIST -> list(context);
            case REISSUE_SHOW -> show(context, context.api().get(RENEWD, "reissues/" + segment(context.parameter(0))));
            case REISSUE_CANCEL -> show(context, context.api().send("POST", RENEWD, "reissues/" + segment(context.parameter(0)) + "/cancel", null));
            default -> throw new IllegalArgumentException("not a reissue command: " + context.run().command());
        }
    }

    private static void start(Context context) {
        String reason = context.required("--reason", "why these certificates are re-issued (kept with the bulk and in the audit trail)");
        List<String> given = SELECTORS.stream().filter(option -> context.option(option) != null).toList();
        if (given.size() != 1) {
            throw CliFailure.usage("give exactly one selector of " + String.join(", ", SELECTORS)
                    + (given.isEmpty() ? "" : " (given: " + String.join(", ", given) + ")"));
        }
        ObjectNode body = Context.JSON.createObjectNode();
        body.set("selector", selector(given.get(0), context.option(given.get(0))));
        body.put("reason", reason);
        JsonNode bulk = context.api().send("POST", RENEWD, "certificates/reissue", body);
        if (context.json()) {
            context.printJson(bulk);
        } else {
            context.println("bulk re-issue " + bulk.path("id").asText() + " started: " + bulk.path("selected").asInt() + " selected"
                    + "; follow it with: renewctl reissue show " + bulk.path("id").asText());
        }
    }

    private static ObjectNode selector(String option, String value) {
        ObjectNode selector = Context.JSON.createObjectNode();
        switch (option) {
            case "--issuer" -> selector.put("issuer", value);
            case "--signed-by" -> {
                int slash = value.indexOf('/');
                ObjectNode signedBy = selector.putObject("signedBy").put("name", slash < 0 ? value : value.substring(0, slash));
                if (slash >= 0) {
                    signedBy.put("version", value.substring(slash + 1));
                }
            }
            case "--serial-numbers" -> add(selector.putArray("serialNumbers"), value);
            case "--thumbprints" -> add(selector.putArray("thumbprints"), value);
            case "--expiring-before" -> selector.put("expiringBefore", value);
            default -> throw new IllegalArgumentException(option);
        }
        return selector;
    }

    private static void add(ArrayNode array, String list) {
        CertCommands.split(list).forEach(array::add);
    }

    private static void list(Context context) {
        ObjectNode all = context.api().list(RENEWD, "reissues");
        if (context.json()) {
            context.printJson(all);
            return;
        }
        Table table = new Table(List.of("ID", "STATUS", "CREATED", "SELECTED", "DONE", "FAILED", "REASON"));
        all.path("value").forEach(bulk -> table.row(bulk.path("id").asText(), bulk.path("status").asText(),
                created(context, bulk), bulk.path("selected").asText(), bulk.path("done").asText(), bulk.path("failed").asText(),
                bulk.path("reason").asText()));
        CertCommands.printTable(context, table, "no bulk re-issues in vault " + context.api().vault());
    }

    private static void show(Context context, JsonNode bulk) {
        if (context.json()) {
            context.printJson(bulk);
            return;
        }
        Table table = new Table(List.of());
        table.row("id", bulk.path("id").asText());
        table.row(List.of(Table.Cell.of("status"), new Table.Cell(bulk.path("status").asText(), colour(bulk.path("status").asText()))));
        table.row("reason", bulk.path("reason").asText());
        table.row("selector", bulk.path("selector").toString());
        table.row("created", created(context, bulk));
        table.row("ended", bulk.path("ended").isTextual()
                ? RelativeTime.dated(context.now(), java.time.Instant.parse(bulk.path("ended").asText())) : "-");
        Stream.of("selected", "done", "failed", "inProgress", "cancelled")
                .forEach(count -> table.row(Map.of("inProgress", "in progress").getOrDefault(count, count), bulk.path(count).asText()));
        context.print(table.render(context.style()));
        if (!bulk.path("failures").isEmpty()) {
            Table failures = new Table(List.of("NAME", "CODE", "MESSAGE"));
            bulk.path("failures").forEach(f -> failures.row(f.path("name").asText(), f.path("code").asText(), f.path("message").asText()));
            context.println("");
            context.print(failures.render(context.style()));
        }
    }

    private static String created(Context context, JsonNode bulk) {
        return bulk.path("created").isTextual() ? RelativeTime.dated(context.now(), java.time.Instant.parse(bulk.path("created").asText())) : "-";
    }

    private static Style.Colour colour(String status) {
        return switch (status) {
            case "completed" -> Style.Colour.GREEN;
            case "cancelled" -> Style.Colour.YELLOW;
            default -> null;
        };
    }
}
