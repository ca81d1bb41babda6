package io.renewd.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Supplier;

/** One run of a command: its arguments, the environment, where output goes and how it looks, and the API client. */
record Context(Arguments.Run run, Map<String, String> env, PrintStream out, PrintStream err, Style style, boolean json,
               boolean terminal, Clock clock, Supplier<ApiClient> apiClient) {

    static final ObjectMapper JSON = new ObjectMapper();

    ApiClient api() {
        return apiClient.get();
    }

    Instant now() {
        return clock.instant();
    }

    String parameter(int index) {
        return run.parameters().get(index);
    }

    String option(String name) {
        return run.option(name).orElse(null);
    }

    String required(String name, String why) {
        return run.option(name).orElseThrow(() -> CliFailure.usage(name + " is required: " + why + " (" + run.command().usage() + ")"));
    }

    boolean flag(String name) {
        return run.flag(name);
    }

    /** --wait, --no-wait, else waiting when a person watches (a terminal). */
    boolean waits() {
        return run.flag("--wait") || (!run.flag("--no-wait") && terminal);
    }

    Duration timeout(Duration fallback) {
        String given = option("--timeout");
        if (given == null) {
            return fallback;
        }
        try {
            long seconds = Long.parseLong(given);
            if (seconds > 0) {
                return Duration.ofSeconds(seconds);
            }
        } catch (NumberFormatException notANumber) {
            // said below
        }
        throw CliFailure.usage("--timeout takes a number of seconds above 0, not '" + given + "'");
    }

    /** The JSON object in the file {@code option} names. */
    ObjectNode jsonFile(String option) {
        String text = textFile(option);
        try {
            JsonNode node = JSON.readTree(text);
            if (node instanceof ObjectNode object) {
                return object;
            }
            throw CliFailure.usage(option + " " + option(option) + " must hold a JSON object");
        } catch (JsonProcessingException e) {
            throw CliFailure.usage(option + " " + option(option) + " is not JSON: " + e.getOriginalMessage());
        }
    }

    String textFile(String option) {
        return new String(bytesFile(option), java.nio.charset.StandardCharsets.UTF_8);
    }

    byte[] bytesFile(String option) {
        Path file = Path.of(option(option));
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw CliFailure.usage(option + ": no such file: " + file);
        } catch (IOException e) {
            throw CliFailure.usage(option + ": cannot read " + file + ": " + e.getMessage());
        }
    }

    void printJson(JsonNode node) {
        try {
            out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    void print(String text) {
        out.print(text);
        out.flush();
    }

    void println(String line) {
        out.println(line);
    }

    /** Progress and notes go to stderr, so stdout stays what scripts read. */
    void note(String line) {
        err.println(line);
    }
}
