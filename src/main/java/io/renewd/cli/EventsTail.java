package io.renewd.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

/**
 * {@code renewctl events tail}: reads renewd's topics (CloudEvents in Kafka's binary mode) and prints each event as it
 * comes, as a line for a person or a JSON object per line for scripts. Offsets are never committed: a tail reads, it
 * does not consume on anyone's behalf.
 */
final class EventsTail {

    /** renewd's topics under their default names (renewd.events.topics.*). */
    static final List<String> DEFAULT_TOPICS = List.of("renewd.certificate.near-expiry", "renewd.certificate.renewed",
            "renewd.certificate.failed", "renewd.certificate.expired", "renewd.bulk", "renewd.audit");
    /** The data members that say what an event is about, in the order they are shown. */
    private static final List<String> SHOWN = List.of("Version", "cause", "action", "trigger", "daysLeft", "late", "issuer",
            "error.code", "error.message", "attempt", "personMustAct", "operation", "outcome", "principal", "status", "selected", "reason");

    private EventsTail() {
    }

    static void run(Context context) {
        String bootstrap = context.run().option("--bootstrap-servers").orElse(context.env().get("RENEWD_KAFKA_BOOTSTRAP_SERVERS"));
        if (bootstrap == null || bootstrap.isBlank()) {
            throw CliFailure.usage("no Kafka broker: give --bootstrap-servers HOST:PORT or set RENEWD_KAFKA_BOOTSTRAP_SERVERS");
        }
        String topicList = context.run().option("--topics").orElse(context.env().get("RENEWD_EVENTS_TOPICS"));
        List<String> topics = topicList == null || topicList.isBlank() ? DEFAULT_TOPICS : CertCommands.split(topicList);
        long max = context.option("--max") == null ? Long.MAX_VALUE : positive(context.option("--max"));
        Instant until = context.option("--timeout") == null ? Instant.MAX : context.now().plus(context.timeout(Duration.ZERO));
        String vault = context.run().option("--vault").orElse(context.env().get("RENEWD_VAULT"));

        Properties config = new Properties();
        String configFile = context.run().option("--kafka-config").orElse(context.env().get("RENEWD_KAFKA_CONFIG"));
        if (configFile != null && !configFile.isBlank()) {
            try (Reader reader = Files.newBufferedReader(Path.of(configFile))) {
                config.load(reader);
            } catch (IOException e) {
                throw CliFailure.usage("cannot read --kafka-config " + configFile + ": " + e.getMessage());
            }
        }
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.putIfAbsent(ConsumerConfig.GROUP_ID_CONFIG, "renewctl-tail-" + UUID.randomUUID());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, context.flag("--from-beginning") ? "earliest" : "latest");
        config.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "renewctl");

        long printed = 0;
        try (var consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            Thread main = Thread.currentThread();
            Thread stopper = new Thread(() -> {
                consumer.wakeup();
                try {
                    main.join(5_000);
                } catch (InterruptedException ignored) {
                    Thread.currentThread().interrupt();
                }
            }, "renewctl-stop");
            Runtime.getRuntime().addShutdownHook(stopper);
            try {
                consumer.subscribe(topics);
                if (!context.json()) {
                    context.note("reading " + String.join(", ", topics) + " at " + bootstrap
                            + (vault == null || vault.isBlank() ? "" : ", vault " + vault) + " (Ctrl-C stops)");
                }
                while (printed < max && context.now().isBefore(until)) {
                    for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                        if (printed < max && ofVault(record, vault)) {
                            print(context, record);
                            printed++;
                        }
                    }
                }
            } finally {
                try {
                    Runtime.getRuntime().removeShutdownHook(stopper);
                } catch (IllegalStateException shuttingDown) {
                    // Ctrl-C: the hook is what stops us.
                }
            }
        } catch (WakeupException stopped) {
            // Ctrl-C.
        } catch (KafkaException e) {
            throw new CliFailure(ExitCode.SERVER_OR_NETWORK, "reading Kafka at " + bootstrap + " failed: " + e.getMessage(), e);
        }
    }

    private static boolean ofVault(ConsumerRecord<String, String> record, String vault) {
        if (vault == null || vault.isBlank()) {
            return true;
        }
        String source = header(record, "ce_source");
        return source != null ? source.equalsIgnoreCase("/vaults/" + vault)
                : record.key() != null && record.key().toLowerCase(java.util.Locale.ROOT).startsWith(vault.toLowerCase(java.util.Locale.ROOT) + "/");
    }

    private static void print(Context context, ConsumerRecord<String, String> record) {
        JsonNode data = data(record.value());
        String type = header(record, "ce_type");
        if (context.json()) {
            ObjectNode line = Context.JSON.createObjectNode();
            line.put("topic", record.topic()).put("key", record.key());
            for (String name : List.of("ce_id", "ce_type", "ce_source", "ce_subject", "ce_time")) {
                line.put(name.substring(3), header(record, name));
            }
            line.set("data", data);
            context.println(line.toString());
            return;
        }
        String time = header(record, "ce_time");
        List<String> details = new ArrayList<>();
        for (String member : SHOWN) {
            JsonNode value = data.at("/" + member.replace('.', '/'));
            if (!value.isMissingNode() && !value.isNull() && !value.isContainerNode()) {
                details.add(member + "=" + value.asText());
            }
        }
        String shortType = type == null ? record.topic() : type.substring(type.lastIndexOf('.') + 1);
        Style.Colour colour = switch (shortType) {
            case "RenewalFailed", "Expired" -> Style.Colour.RED;
            case "NearExpiry" -> Style.Colour.YELLOW;
            case "NewVersionCreated" -> Style.Colour.GREEN;
            default -> null;
        };
        context.println((time == null ? "-" : time) + "  " + context.style().paint(colour, shortType) + "  "
                + (record.key() == null ? "-" : record.key()) + (details.isEmpty() ? "" : "  " + String.join(" ", details)));
    }

    private static JsonNode data(String value) {
        try {
            return value == null ? Context.JSON.nullNode() : Context.JSON.readTree(value);
        } catch (IOException notJson) {
            return Context.JSON.getNodeFactory().textNode(value);
        }
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static long positive(String value) {
        try {
            long n = Long.parseLong(value);
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException notANumber) {
            // said below
        }
        throw CliFailure.usage("--max takes a whole number above 0, not '" + value + "'");
    }
}
