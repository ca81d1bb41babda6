package io.renewd.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ArgumentsTest {

    static Stream<Arguments> valid() {
        return Stream.of(
                Arguments.of("cert list", Command.CERT_LIST, List.of(), Map.of()),
                Arguments.of("cert list --vault team-a -o json", Command.CERT_LIST, List.of(), Map.of("--vault", "team-a", "--output", "json")),
                Arguments.of("--vault=team-a cert show web", Command.CERT_SHOW, List.of("web"), Map.of("--vault", "team-a")),
                Arguments.of("cert show web --version abc", Command.CERT_SHOW, List.of("web"), Map.of("--version", "abc")),
                Arguments.of("cert policy get web", Command.CERT_POLICY_GET, List.of("web"), Map.of()),
                Arguments.of("cert policy set web --validity-months 6", Command.CERT_POLICY_SET, List.of("web"), Map.of("--validity-months", "6")),
                Arguments.of("cert list --include-pending --deleted", Command.CERT_LIST, List.of(),
                        Map.of("--include-pending", "true", "--deleted", "true")),
                Arguments.of("cert create web --subject CN=a,O=b --no-wait", Command.CERT_CREATE, List.of("web"),
                        Map.of("--subject", "CN=a,O=b", "--no-wait", "true")),
                Arguments.of("cert show -- -odd-name", Command.CERT_SHOW, List.of("-odd-name"), Map.of()),
                Arguments.of("reissue cancel 6f1c", Command.REISSUE_CANCEL, List.of("6f1c"), Map.of()),
                Arguments.of("events tail --max 3 --from-beginning", Command.EVENTS_TAIL, List.of(), Map.of("--max", "3", "--from-beginning", "true")));
    }

    @ParameterizedTest
    @MethodSource("valid")
    void readsACommandLine(String line, Command command, List<String> parameters, Map<String, String> options) {
        var parsed = (io.renewd.cli.Arguments.Run) io.renewd.cli.Arguments.parse(List.of(line.split(" ")));
        assertThat(parsed.command()).isEqualTo(command);
        assertThat(parsed.parameters()).isEqualTo(parameters);
        assertThat(parsed.options()).isEqualTo(options);
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                Arguments.of("cert", "unknown command 'cert': see renewctl cert --help"),
                Arguments.of("cert lst", "unknown command 'cert lst': see renewctl cert --help"),
                Arguments.of("certs list", "unknown command 'certs': see renewctl --help"),
                Arguments.of("cert show", "missing NAME: renewctl cert show NAME [--version VERSION]"),
                Arguments.of("cert show a b", "unexpected argument 'b'"),
                Arguments.of("cert list --bogus 1", "unknown option --bogus for 'cert list'"),
                Arguments.of("cert list --email a@b", "unknown option --email for 'cert list'"),
                Arguments.of("cert list -x", "unknown option -x"),
                Arguments.of("cert list --vault", "--vault needs a value"),
                Arguments.of("cert list --vault a --vault b", "--vault is given twice"),
                Arguments.of("cert list --deleted=yes", "--deleted takes no value"),
                Arguments.of("cert list -o yaml", "--output must be json or text, not 'yaml'"),
                Arguments.of("cert renew web --wait --no-wait", "--wait and --no-wait exclude each other"));
    }

    @ParameterizedTest
    @MethodSource("invalid")
    void refusesWithAUsageError(String line, String message) {
        assertThatThrownBy(() -> io.renewd.cli.Arguments.parse(List.of(line.split(" "))))
                .isInstanceOfSatisfying(CliFailure.class, failure -> {
                    assertThat(failure.exitCode()).isEqualTo(ExitCode.USAGE);
                    assertThat(failure.getMessage()).contains(message);
                });
    }

    static Stream<Arguments> help() {
        return Stream.of(
                Arguments.of("", "", null),
                Arguments.of("help", "", null),
                Arguments.of("--help", "", null),
                Arguments.of("-h", "", null),
                Arguments.of("cert --help", "cert", null),
                Arguments.of("cert create --help", "cert", Command.CERT_CREATE),
                Arguments.of("cert show --help", "cert", Command.CERT_SHOW));
    }

    @ParameterizedTest
    @MethodSource("help")
    void asksForHelp(String line, String topic, Command command) {
        var parsed = io.renewd.cli.Arguments.parse(line.isEmpty() ? List.of() : List.of(line.split(" ")));
        assertThat(parsed).isEqualTo(new io.renewd.cli.Arguments.Help(topic, java.util.Optional.ofNullable(command)));
    }

    @Test
    void everyCommandsUsageNamesItsOptions() {
        assertThat(Command.CERT_CREATE.usage()).startsWith("renewctl cert create NAME").contains("[--subject SUBJECT]", "[--policy POLICY]");
        assertThat(Command.EVENTS_TAIL.usage()).contains("[--from-beginning]", "[--max MAX]");
    }
}
