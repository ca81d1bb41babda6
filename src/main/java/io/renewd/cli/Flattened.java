package io.renewd.cli;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A JSON object as name-value rows ({@code x509_props.sans.dns_names  a, b}), for showing nested answers as a table. */
final class Flattened {

    private Flattened() {
    }

    static List<Map.Entry<String, String>> rows(JsonNode node) {
        List<Map.Entry<String, String>> rows = new ArrayList<>();
        add(rows, "", node);
        return rows;
    }

    static Table table(JsonNode node) {
        Table table = new Table(List.of());
        rows(node).forEach(row -> table.row(row.getKey(), row.getValue()));
        return table;
    }

    private static void add(List<Map.Entry<String, String>> rows, String prefix, JsonNode node) {
        if (node.isObject()) {
            node.properties().forEach(member -> add(rows, prefix.isEmpty() ? member.getKey() : prefix + "." + member.getKey(), member.getValue()));
        } else if (node.isArray() && allScalars(node)) {
            List<String> values = new ArrayList<>();
            node.forEach(value -> values.add(value.asText()));
            rows.add(Map.entry(prefix, values.isEmpty() ? "(none)" : String.join(", ", values)));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                add(rows, prefix + "[" + i + "]", node.get(i));
            }
        } else if (!node.isNull()) {
            rows.add(Map.entry(prefix, node.asText()));
        }
    }

    private static boolean allScalars(JsonNode array) {
        for (JsonNode value : array) {
            if (value.isContainerNode()) {
                return false;
            }
        }
        return true;
    }
}
