package io.renewd.cli;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;

import static io.renewd.cli.ApiClient.Route.KEY_VAULT;
import static io.renewd.cli.ApiClient.segment;

/**
 * Follows a certificate's pending operation until it ends, showing progress on stderr: a line that updates in place on
 * a terminal, a line per change otherwise. A failed operation ends the command with its error.
 */
final class OperationWaiter {

    private static final Duration POLL_INTERVAL = Duration.ofSeconds(1);
    private static final String SPINNER = "|/-\\";

    private final Context context;
    private final String name;
    private final Duration limit;

    OperationWaiter(Context context, String name, Duration limit) {
        this.context = context;
        this.name = name;
        this.limit = limit;
    }

    /** The operation as it ended (completed, or cancelled); throws for failed and for one still running at the limit. */
    JsonNode await(JsonNode operation) {
        Instant start = context.now();
        String lastShown = null;
        for (int tick = 0; ; tick++) {
            String status = operation.path("status").asText();
            String details = operation.path("status_details").asText("");
            switch (status) {
                case "completed", "cancelled" -> {
                    clearLine();
                    return operation;
                }
                case "failed" -> {
                    clearLine();
                    JsonNode error = operation.path("error");
                    throw new CliFailure(ExitCode.SERVER_OR_NETWORK, "the operation on " + name + " failed"
                            + (error.isObject() ? " (" + error.path("code").asText() + "): " + error.path("message").asText() : ": " + details));
                }
                default -> {
                    // An Unknown issuer's operation waits for a person to merge a signed certificate: nothing to wait for here.
                    if ("Unknown".equalsIgnoreCase(operation.path("issuer").path("name").asText())) {
                        clearLine();
                        context.note(name + " waits for a certificate signed for its CSR (status " + status
                                + "): read the CSR from GET …/certificates/" + name + "/pending and merge the signed chain");
                        return operation;
                    }
                }
            }
            Duration elapsed = Duration.between(start, context.now());
            if (elapsed.compareTo(limit) >= 0) {
                clearLine();
                throw new CliFailure(ExitCode.SERVER_OR_NETWORK, "the operation on " + name + " is still " + status + " after "
                        + limit.toSeconds() + " s (" + details + "); it goes on: renewctl cert show " + name);
            }
            JsonNode error = operation.path("error");
            String line = name + ": " + status + (details.isEmpty() ? "" : " (" + details + ")")
                    + (error.isObject() ? "; last error " + error.path("code").asText() + ": " + error.path("message").asText() : "");
            if (context.terminal()) {
                context.err().print("\r\u001b[2K" + SPINNER.charAt(tick % SPINNER.length()) + " " + line + " " + elapsed.toSeconds() + "s");
                context.err().flush();
            } else if (!line.equals(lastShown)) {
                context.note(line);
            }
            lastShown = line;
            sleep();
            operation = context.api().get(KEY_VAULT, "certificates/" + segment(name) + "/pending");
        }
    }

    private void clearLine() {
        if (context.terminal()) {
            context.err().print("\r\u001b[2K");
            context.err().flush();
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(POLL_INTERVAL);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliFailure(ExitCode.SERVER_OR_NETWORK, "interrupted while waiting");
        }
    }
}
