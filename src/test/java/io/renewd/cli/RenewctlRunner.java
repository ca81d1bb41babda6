package io.renewd.cli;

import io.renewd.azure.AzureSdkTestSupport;
import io.renewd.testing.TestTls;
import io.renewd.testing.TestTokens;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs renewctl in-process as a user runs it against the renewd under test: over HTTPS (the test's port, {@code
 * --cacert} the test certificate, as a user passes a private CA), with an administrator's token in RENEWD_TOKEN unless
 * the environment given says otherwise.
 */
record RenewctlRunner(Map<String, String> env) {

    /** What a run printed and how it ended. */
    record Result(int exit, String out, String err) {

        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout ---\n" + out + "--- stderr ---\n" + err;
        }
    }

    /** As an administrator, in {@code vault}. */
    static RenewctlRunner inVault(String vault) {
        Map<String, String> env = new HashMap<>();
        env.put("RENEWD_URL", AzureSdkTestSupport.baseUrl());
        env.put("RENEWD_CACERT", TestTls.localhost().certificateFile().toString());
        env.put("RENEWD_VAULT", vault);
        env.put("RENEWD_TOKEN", TestTokens.admin());
        return new RenewctlRunner(Map.copyOf(env));
    }

    RenewctlRunner with(String name, String value) {
        Map<String, String> changed = new HashMap<>(env);
        if (value == null) {
            changed.remove(name);
        } else {
            changed.put(name, value);
        }
        return new RenewctlRunner(Map.copyOf(changed));
    }

    Result run(String... args) {
        return run(false, args);
    }

    /** As a person at a terminal runs it (colours unless NO_COLOR, progress in place, waiting by default). */
    Result runOnTerminal(String... args) {
        return run(true, args);
    }

    private Result run(boolean terminal, String... args) {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        int exit = Renewctl.run(List.of(args), env, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), terminal);
        return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
