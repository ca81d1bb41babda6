package io.renewd.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.awaitility.Awaitility.await;

/**
 * A real DNS server for the DNS-01 tests: BIND 9 ({@code named}) on 127.0.0.1 at a free port,
 * authoritative for the given zones, which accept RFC 2136 updates signed with one TSIG key
 * (made by {@code tsig-keygen -a hmac-sha256}). It runs in the foreground under a wrapper that
 * kills it when this JVM's pipe closes; {@link #stop()} and {@link #start()} simulate an outage
 * (the zones' journals keep what was added).
 */
public final class BindServer implements AutoCloseable {

    public static final String KEY_NAME = "renewd-test-key";
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(30);
    private static final Pattern SECRET = Pattern.compile("secret \"([^\"]+)\"");

    private final Path workDir;
    private final int port;
    private final String secret;
    private final List<String> zones;
    private Process process;

    private BindServer(Path workDir, int port, String secret, List<String> zones) {
        this.workDir = workDir;
        this.port = port;
        this.secret = secret;
        this.zones = zones;
    }

    /**
     * Starts BIND serving each zone (e.g. {@code dns01.test}); {@code extraRecords} are zone-file
     * lines added to the first zone (e.g. a CNAME).
     */
    public static BindServer start(List<String> zones, List<String> extraRecords) {
        try {
            Path workDir = Files.createTempDirectory("bind-");
            int port = freePort();
            String keyConf = run(workDir, installed("tsig-keygen"), "-a", "hmac-sha256", KEY_NAME);
            Matcher matcher = SECRET.matcher(keyConf);
            if (!matcher.find()) {
                throw new IllegalStateException("tsig-keygen printed no secret: " + keyConf);
            }
            Files.writeString(workDir.resolve("key.conf"), keyConf);
            StringBuilder conf = new StringBuilder("""
                    include "%s";
                    options {
                        directory "%s";
                        listen-on port %d { 127.0.0.1; };
                        listen-on-v6 { none; };
                        pid-file "%s";
                        // Pebble asks like a CA's resolver (recursion desired): only then does BIND follow a CNAME into another of its zones.
                        recursion yes;
                        allow-recursion { 127.0.0.1; };
                        dnssec-validation no;
                        notify no;
                    };
                    controls { };
                    """.formatted(workDir.resolve("key.conf"), workDir, port, workDir.resolve("named.pid")));
            for (int i = 0; i < zones.size(); i++) {
                String zone = zones.get(i);
                Files.writeString(workDir.resolve(zone + ".zone"), zoneFile(zone, i == 0 ? extraRecords : List.of()));
                conf.append("""
                        zone "%s" {
                            type primary;
                            file "%s";
                            allow-update { key %s; };
                        };
                        """.formatted(zone, workDir.resolve(zone + ".zone"), KEY_NAME));
            }
            Files.writeString(workDir.resolve("named.conf"), conf.toString());
            if (isRoot()) {
                run(workDir, "chown", "-R", "bind", workDir.toString());
            }
            var server = new BindServer(workDir, port, matcher.group(1), List.copyOf(zones));
            server.start();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException("BIND did not start: " + e.getMessage(), e);
        }
    }

    private static String zoneFile(String zone, List<String> extraRecords) {
        return """
                $TTL 60
                @ IN SOA ns1.%1$s. hostmaster.%1$s. 1 60 60 600 60
                @ IN NS ns1.%1$s.
                ns1 IN A 127.0.0.1
                """.formatted(zone) + String.join("\n", extraRecords) + "\n";
    }

    /** Starts (again) on the same port with the same zones. */
    public synchronized void start() {
        try {
            int logBefore = log().length();
            List<String> command = new ArrayList<>(List.of("bash", "-c",
                    "exec 3<&0; \"$@\" & child=$!; (cat >/dev/null; kill $child 2>/dev/null) <&3 & wait $child", "named-wrapper",
                    installed("named"), "-c", workDir.resolve("named.conf").toString(), "-g", "-4"));
            if (isRoot()) {
                command.addAll(List.of("-u", "bind"));
            }
            process = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(workDir.resolve("named.log").toFile())).start();
            await().atMost(STARTUP_TIMEOUT).pollInterval(Duration.ofMillis(100)).until(() -> {
                if (!process.isAlive()) {
                    throw new IllegalStateException("named exited; its log:\n" + log());
                }
                String log = log();
                return log.length() > logBefore && log.substring(logBefore).contains("running");
            });
            // BIND 9.18 loads zones asynchronously: "running" can come before a zone answers (a CI run read no TXT there).
            await().atMost(STARTUP_TIMEOUT).pollInterval(Duration.ofMillis(100)).until(this::answersForEveryZone);
        } catch (IOException e) {
            throw new IllegalStateException("BIND did not start: " + e.getMessage(), e);
        }
    }

    private boolean answersForEveryZone() {
        return zones.stream().allMatch(this::answersFor);
    }

    private boolean answersFor(String zone) {
        try {
            return !run(workDir, installed("dig"), "+short", "+norecurse", "+time=1", "+tries=1",
                    "@127.0.0.1", "-p", String.valueOf(port), zone, "SOA").isBlank();
        } catch (IllegalStateException notYet) {
            return false;
        }
    }

    /** Stops the server (an outage); {@link #start()} brings it back. */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        try {
            process.getOutputStream().close();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> portFree(port));
        } catch (IOException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        process = null;
    }

    /** {@code 127.0.0.1:port}, as renewd's settings and Pebble's -dnsserver take it. */
    public String address() {
        return "127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /** The TSIG key's secret (base64). */
    public String secret() {
        return secret;
    }

    /** The TXT values this server answers for {@code name}, read with dig. */
    public List<String> txt(String name) {
        String out = run(workDir, installed("dig"), "+short", "+norecurse", "@127.0.0.1", "-p", String.valueOf(port), name, "TXT");
        return out.lines().map(String::strip).filter(l -> !l.isEmpty()).map(l -> l.replace("\"", "")).toList();
    }

    /** Adds a TXT value with nsupdate, as another client of the zone would. */
    public void addTxt(String zone, String name, String value) {
        try {
            Path script = Files.writeString(workDir.resolve("nsupdate-" + System.nanoTime() + ".txt"),
                    "server 127.0.0.1 " + port + "\nzone " + zone + "\nupdate add " + name + " 60 TXT \"" + value + "\"\nsend\n");
            run(workDir, installed("nsupdate"), "-y", "hmac-sha256:" + KEY_NAME + ":" + secret, script.toString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public String log() {
        if (!Files.exists(workDir.resolve("named.log"))) {
            return "";
        }
        try {
            return Files.readString(workDir.resolve("named.log"));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        stop();
        try (var files = Files.walk(workDir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            System.err.println("could not remove " + workDir + ": " + e.getMessage());
        }
    }

    private static boolean portFree(int port) {
        try (var socket = new DatagramSocket(port, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static String run(Path dir, String... command) {
        try {
            Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
            }
            return out;
        } catch (IOException e) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static int freePort() throws IOException {
        // A port free for TCP and UDP both: named listens on both.
        for (int i = 0; i < 20; i++) {
            try (var tcp = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                int port = tcp.getLocalPort();
                if (portFree(port)) {
                    return port;
                }
            }
        }
        throw new IOException("no free port for BIND");
    }

    /** The command's path: on PATH, or in /usr/sbin, where Debian puts named and tsig-keygen (not on a normal user's PATH). */
    private static String installed(String command) {
        return java.util.stream.Stream.concat(java.util.Arrays.stream(System.getenv().getOrDefault("PATH", "").split(":")),
                        java.util.stream.Stream.of("/usr/sbin", "/sbin"))
                .filter(dir -> !dir.isEmpty())
                .map(dir -> Path.of(dir, command))
                .filter(Files::isExecutable)
                .findFirst()
                .map(Path::toString)
                .orElseThrow(() -> new IllegalStateException(command + " is not installed: apt-get install bind9 dnsutils (.ci/run does)"));
    }
}
