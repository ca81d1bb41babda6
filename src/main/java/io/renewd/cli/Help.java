package io.renewd.cli;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The help text: commands, global options, environment and exit codes. */
final class Help {

    private Help() {
    }

    static String text(String topic, Optional<Command> command) {
        if (command.isPresent()) {
            Command c = command.get();
            return "usage: " + c.usage() + "\n\n" + c.summary() + "\n\n" + globals();
        }
        List<Command> shown = Arrays.stream(Command.values()).filter(c -> topic.isEmpty() || c.group().equals(topic)).toList();
        if (shown.isEmpty()) {
            shown = List.of(Command.values());
        }
        StringBuilder text = new StringBuilder("""
                renewctl: the command-line client of renewd's REST API

                usage: renewctl [global options] COMMAND [arguments] [options]

                commands:
                """);
        Table table = new Table(List.of());
        shown.forEach(c -> table.row("  " + String.join(" ", c.words()) + (c.parameters().isEmpty() ? "" : " " + String.join(" ", c.parameters())),
                c.summary()));
        text.append(table.render(new Style(false))).append('\n').append(globals());
        return text.toString();
    }

    private static String globals() {
        StringBuilder text = new StringBuilder("""
                global options:
                  --server URL      renewd's URL (env RENEWD_URL; default https://localhost:8443, the local run)
                  --vault NAME      the vault (env RENEWD_VAULT)
                  --cacert FILE     trust only the CA certificates in this PEM file (env RENEWD_CACERT),
                                    e.g. .local/tls/ca.pem of the local run
                  -o, --output json print the API's JSON (for scripts) instead of tables; text is the default
                  --wait, --no-wait follow a create or renew until it ends (default: wait when stdout is a terminal)
                  -h, --help        this help; renewctl COMMAND --help for one command

                token (a bearer token for renewd's audience):
                  RENEWD_TOKEN          the token itself
                  RENEWD_TOKEN_COMMAND  a command that prints it, e.g. 'scripts/local-run.sh token'

                events tail: --bootstrap-servers (env RENEWD_KAFKA_BOOTSTRAP_SERVERS), --topics (env RENEWD_EVENTS_TOPICS;
                  default every renewd topic), --kafka-config FILE (Kafka client properties: SASL, TLS; env RENEWD_KAFKA_CONFIG),
                  --from-beginning, --max N events, --timeout SECONDS

                colours: only when stdout is a terminal and NO_COLOR is unset.

                exit codes:
                """);
        Table codes = new Table(List.of());
        Arrays.stream(ExitCode.values()).forEach(code -> codes.row("  " + code.status(), code.meaning()));
        return text.append(codes.render(new Style(false))).toString();
    }
}
