package io.renewd.cli;

import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * renewctl, the command-line client of renewd's REST API. A client only: it knows renewd through HTTP and Kafka, never
 * through renewd's classes. {@link #run} is the whole program without {@code System.exit}, so tests run it in-process.
 */
public final class Renewctl {

    static final String DEFAULT_SERVER = "https://localhost:8443";

    private Renewctl() {
    }

    public static void main(String[] args) {
        // kafka-clients logs through SLF4J; renewctl ships no SLF4J backend and wants no note about that on stderr.
        System.setProperty("slf4j.internal.verbosity", "ERROR");
        System.exit(run(List.of(args), System.getenv(), System.out, System.err, Terminal.isInteractive()));
    }

    /** Runs one command line; returns the exit status ({@link ExitCode}). */
    public static int run(List<String> args, Map<String, String> env, PrintStream out, PrintStream err, boolean terminal) {
        try {
            Arguments.Parsed parsed = Arguments.parse(args);
            return switch (parsed) {
                case Arguments.Help help -> {
                    out.print(Help.text(help.topic(), help.command()));
                    yield ExitCode.OK.status();
                }
                case Arguments.Run run -> {
                    execute(run, env, out, err, terminal);
                    yield ExitCode.OK.status();
                }
            };
        } catch (CliFailure failure) {
            err.println("renewctl: " + failure.getMessage());
            return failure.exitCode().status();
        } catch (RuntimeException bug) {
            // Not a refusal renewctl foresaw: said plainly, with exit 1, which no expected outcome uses.
            err.println("renewctl: internal error: " + bug);
            return 1;
        } finally {
            out.flush();
            err.flush();
        }
    }

    private static void execute(Arguments.Run run, Map<String, String> env, PrintStream out, PrintStream err, boolean terminal) {
        String vault = run.option("--vault").orElse(env.get("RENEWD_VAULT"));
        if (run.command().callsApi() && (vault == null || vault.isBlank())) {
            throw CliFailure.usage("no vault: give --vault NAME or set RENEWD_VAULT");
        }
        URI server = server(run.option("--server").orElse(env.getOrDefault("RENEWD_URL", DEFAULT_SERVER)));
        String caFile = run.option("--cacert").orElse(env.get("RENEWD_CACERT"));
        TokenSource tokens = new TokenSource(env);
        var client = new java.util.function.Supplier<ApiClient>() {
            private ApiClient made;

            @Override
            public ApiClient get() {
                if (made == null) {
                    made = new ApiClient(server, vault, tokens, TrustedCertificates.context(caFile == null || caFile.isBlank() ? null : Path.of(caFile)));
                }
                return made;
            }
        };
        Context context = new Context(run, env, out, err, Style.of(terminal, env), "json".equals(run.option("--output").orElse("text")),
                terminal, Clock.systemUTC(), client);
        switch (run.command().group()) {
            case "cert" -> CertCommands.run(context);
            case "issuer" -> IssuerCommands.run(context);
            case "contacts" -> ContactsCommands.run(context);
            case "reissue" -> ReissueCommands.run(context);
            case "events" -> EventsTail.run(context);
            default -> throw new IllegalStateException("no handler for " + run.command());
        }
    }

    private static URI server(String given) {
        try {
            URI uri = URI.create(given.endsWith("/") ? given.substring(0, given.length() - 1) : given);
            if (uri.getHost() == null || !("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))) {
                throw CliFailure.usage("--server must be an http(s) URL such as https://renewd.example.com, not '" + given + "'");
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw CliFailure.usage("--server must be an http(s) URL such as https://renewd.example.com, not '" + given + "'");
        }
    }
}
