package io.renewd.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The bearer token: {@code RENEWD_TOKEN}, or the stdout of {@code RENEWD_TOKEN_COMMAND} (run by {@code sh -c}). */
final class TokenSource {

    static final String TOKEN = "RENEWD_TOKEN";
    static final String TOKEN_COMMAND = "RENEWD_TOKEN_COMMAND";
    private static final long STDERR_GRACE_SECONDS = 5;

    private final Map<String, String> env;
    private String token;

    TokenSource(Map<String, String> env) {
        this.env = env;
    }

    /** The token, read once per run; a missing or failed source is {@link ExitCode#NOT_AUTHENTICATED}. */
    synchronized String token() {
        if (token == null) {
            String read = read();
            // A header value cannot hold these; a command that printed more than the token is the usual cause.
            if (read.chars().anyMatch(c -> c <= ' ' || c == 127)) {
                throw new CliFailure(ExitCode.NOT_AUTHENTICATED, "the token holds spaces, line breaks or control characters: "
                        + (env.get(TOKEN) != null && !env.get(TOKEN).isBlank() ? TOKEN : TOKEN_COMMAND) + " must give the token alone");
            }
            token = read;
        }
        return token;
    }

    private String read() {
        String given = env.get(TOKEN);
        if (given != null && !given.isBlank()) {
            return given.strip();
        }
        String command = env.get(TOKEN_COMMAND);
        if (command == null || command.isBlank()) {
            throw new CliFailure(ExitCode.NOT_AUTHENTICATED, "no token: set " + TOKEN + ", or " + TOKEN_COMMAND
                    + " to a command that prints one (e.g. " + TOKEN_COMMAND + "='scripts/local-run.sh token')");
        }
        try {
            Process process = new ProcessBuilder("sh", "-c", command).redirectInput(ProcessBuilder.Redirect.INHERIT).start();
            // stderr is read on its own thread so a chatty command cannot block on a full pipe.
            var stderr = new java.util.concurrent.CompletableFuture<String>();
            Thread.ofVirtual().start(() -> {
                try {
                    stderr.complete(new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
                } catch (IOException e) {
                    stderr.complete("");
                }
            });
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new CliFailure(ExitCode.NOT_AUTHENTICATED, TOKEN_COMMAND + " did not finish within 60 s: " + command);
            }
            if (process.exitValue() != 0) {
                // The command has exited, but its stderr reader may not have reached the end yet (or a child still holds it).
                String error = stderr.completeOnTimeout("", STDERR_GRACE_SECONDS, TimeUnit.SECONDS).join().strip();
                throw new CliFailure(ExitCode.NOT_AUTHENTICATED, TOKEN_COMMAND + " failed (exit " + process.exitValue() + ")"
                        + (error.isEmpty() ? " and printed nothing on stderr" : ": " + lastLine(error)));
            }
            if (out.isEmpty()) {
                throw new CliFailure(ExitCode.NOT_AUTHENTICATED, TOKEN_COMMAND + " printed no token: " + command);
            }
            return out;
        } catch (IOException e) {
            throw new CliFailure(ExitCode.NOT_AUTHENTICATED, "cannot run " + TOKEN_COMMAND + " (" + command + "): " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliFailure(ExitCode.NOT_AUTHENTICATED, "interrupted while running " + TOKEN_COMMAND);
        }
    }

    private static String lastLine(String text) {
        String[] lines = text.split("\n");
        return lines[lines.length - 1];
    }
}
