package io.renewd.testing;

import static org.awaitility.Awaitility.await;
import org.awaitility.core.ConditionTimeoutException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A real Keycloak (its server distribution, unpacked into target/keycloak by the Maven build) on
 * 127.0.0.1, started once per test JVM and stopped when it exits, with the realm of the local run
 * (scripts/local/keycloak/renewd-realm.json: renewd's client with its audience and groups mappers,
 * another application's client, users per role) plus what only tests need: a client whose tokens
 * live {@value #SHORT_LIFESPAN_SECONDS} s, and a second realm, another issuer whose tokens look
 * like renewd's in every other way.
 */
public final class Keycloak {

    public static final String REALM = "renewd";
    /** The audience (aud) renewd's tokens carry: renewd's client id, set by the client's audience mapper. */
    public static final String AUDIENCE = "renewd";
    public static final String CLIENT = "renewd";
    public static final String CLIENT_SECRET = "renewd-local-secret";
    /** Another application of the same realm; its tokens carry aud=billing. */
    public static final String OTHER_CLIENT = "billing";
    public static final String OTHER_CLIENT_SECRET = "billing-local-secret";
    /** A client of renewd's realm whose tokens carry renewd's audience but expire after a few seconds. */
    public static final String SHORT_LIVED_CLIENT = "renewd-short-lived";
    public static final int SHORT_LIFESPAN_SECONDS = 3;
    /** The web inventory's client (authorization code flow; its ID tokens carry the groups). */
    public static final String WEB_CLIENT = "renewd-web";
    public static final String WEB_CLIENT_SECRET = "renewd-web-local-secret";
    /** Another realm: another issuer with its own keys, with a client "renewd" and a user in renewd's admin group. */
    public static final String OTHER_REALM = "elsewhere";

    static final Path REALM_FILE = Path.of("scripts/local/keycloak/renewd-realm.json");
    private static final String SECRET = "test-only-secret";
    /** About 30 s on an idle machine, the first start of a fresh unpack (a build step) included; minutes on a loaded one. */
    private static final Duration START_LIMIT = Duration.ofSeconds(480);
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Keycloak instance;

    private final Process process;
    private final String base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private int keyPriority = 1000;

    /** The running server's URL, JVM-wide: a test profile's own class loader finds the server an earlier one started. */
    private static final String SHARED = "renewd.test.keycloak.url";

    private Keycloak(Process process, int port) {
        this(process, "http://127.0.0.1:" + port);
    }

    private Keycloak(Process process, String base) {
        this.process = process;
        this.base = base;
    }

    public static synchronized Keycloak get() {
        if (instance == null && System.getProperty(SHARED) != null) {
            instance = new Keycloak(null, System.getProperty(SHARED));
        }
        if (instance == null) {
            instance = start();
            System.setProperty(SHARED, instance.base);
            Runtime.getRuntime().addShutdownHook(new Thread(instance::stop, "keycloak-stop"));
        }
        return instance;
    }

    /** renewd's configuration for this Keycloak: discovery from the realm's URL, renewd's audience, no fixed key or issuer. */
    public Map<String, String> quarkusConfig() {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("quarkus.oidc.auth-server-url", issuer());
        config.put("quarkus.oidc.client-id", CLIENT);
        config.put("quarkus.oidc.token.audience", AUDIENCE);
        // %test verifies tokens with a fixed key and issuer; empty values unset them, so discovery finds both.
        config.put("quarkus.oidc.public-key", "");
        config.put("quarkus.oidc.token.issuer", "");
        config.put("renewd.security.authority", issuer());
        config.put("renewd.security.resource", AUDIENCE);
        return config;
    }

    public String issuer() {
        return base + "/realms/" + REALM;
    }

    /** An access token of a user of renewd's realm (password = user name) through renewd's client. */
    public String userToken(String user) {
        return userToken(REALM, CLIENT, CLIENT_SECRET, user);
    }

    /** An access token of a user through the client given (password grant). */
    public String userToken(String realm, String client, String secret, String user) {
        return token(realm, Map.of("grant_type", "password", "client_id", client, "client_secret", secret, "username", user, "password", user));
    }

    /** An access token of a client's own (client-credentials grant). */
    public String clientToken(String client, String secret) {
        return token(REALM, Map.of("grant_type", "client_credentials", "client_id", client, "client_secret", secret));
    }

    /** A user's token from the other realm: its client is named renewd, its audience is renewd, the user is in renewd-admins. */
    public String otherRealmToken() {
        return userToken(OTHER_REALM, CLIENT, SECRET, "mallory");
    }

    /** The web inventory's tenant for this Keycloak, with the sign-in's way back to renewd at {@code origin} allowed. */
    public Map<String, String> webTenantConfig(String origin) {
        JsonNode client = admin("GET", "/admin/realms/" + REALM + "/clients?clientId=" + WEB_CLIENT, null).get(0);
        ObjectNode update = ((ObjectNode) client).deepCopy();
        update.putArray("redirectUris").add(origin + "/ui").add(origin + "/ui/*");
        admin("PUT", "/admin/realms/" + REALM + "/clients/" + client.path("id").asText(), update);
        Map<String, String> config = new LinkedHashMap<>();
        config.put("quarkus.oidc.web.tenant-enabled", "true");
        config.put("quarkus.oidc.web.auth-server-url", issuer());
        config.put("quarkus.oidc.web.client-id", WEB_CLIENT);
        config.put("quarkus.oidc.web.credentials.secret", WEB_CLIENT_SECRET);
        return config;
    }

    /** A new user of renewd's realm in no group (password = user name); returns its id (sub). */
    public String createUser(String username) {
        ObjectNode user = JSON.createObjectNode().put("username", username).put("firstName", username).put("lastName", "Test")
                .put("email", username + "@renewd.localhost").put("emailVerified", true).put("enabled", true);
        user.putArray("credentials").addObject().put("type", "password").put("value", username).put("temporary", false);
        admin("POST", "/admin/realms/" + REALM + "/users", user);
        return userId(username);
    }

    /** The id (sub) of a user of renewd's realm. */
    public String userId(String user) {
        return admin("GET", "/admin/realms/" + REALM + "/users?exact=true&username=" + user, null).get(0).path("id").asText();
    }

    /**
     * Rotates renewd's realm to a new RSA signing key: a new key provider with a higher priority
     * signs from now on, and every older RSA signing key is removed (as after a key compromise).
     * Returns the new key's id (kid).
     */
    public String rotateSigningKey() {
        String realmId = admin("GET", "/admin/realms/" + REALM, null).path("id").asText();
        List<String> older = new java.util.ArrayList<>();
        for (JsonNode provider : admin("GET", "/admin/realms/" + REALM + "/components?type=org.keycloak.keys.KeyProvider", null)) {
            if (List.of("rsa-generated", "rsa").contains(provider.path("providerId").asText())) {
                older.add(provider.path("id").asText());
            }
        }
        keyPriority += 100;
        ObjectNode provider = JSON.createObjectNode().put("name", "rsa-rotated-" + keyPriority).put("providerId", "rsa-generated")
                .put("providerType", "org.keycloak.keys.KeyProvider").put("parentId", realmId);
        provider.putObject("config").set("priority", JSON.createArrayNode().add(String.valueOf(keyPriority)));
        admin("POST", "/admin/realms/" + REALM + "/components", provider);
        older.forEach(id -> admin("DELETE", "/admin/realms/" + REALM + "/components/" + id, null));
        return admin("GET", "/admin/realms/" + REALM + "/keys", null).path("active").path("RS256").asText();
    }

    /** The key id (kid) in a token's header. */
    public static String kid(String token) {
        return claims(token.substring(0, token.indexOf('.'))).path("kid").asText();
    }

    /** A token's claims. */
    public static JsonNode claims(String token) {
        String part = token.contains(".") ? token.split("\\.")[1] : token;
        try {
            return JSON.readTree(Base64.getUrlDecoder().decode(part));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ------------------------------------------------------------------ start and set up

    private static Keycloak start() {
        Path home = Path.of(System.getProperty("renewd.test.keycloak.home", "target/keycloak/keycloak"));
        if (!Files.isRegularFile(home.resolve("bin/kc.sh"))) {
            throw new IllegalStateException("no Keycloak at " + home.toAbsolutePath()
                    + ": the Maven build unpacks it there (./mvnw generate-test-resources)");
        }
        try {
            int port = FreePorts.next();
            Path log = home.getParent().resolve("keycloak.log");
            ProcessBuilder builder = new ProcessBuilder("sh", home.resolve("bin/kc.sh").toString(), "start-dev",
                    "--http-host=127.0.0.1", "--http-port=" + port, "--http-management-port=" + FreePorts.next(), "--db=dev-mem")
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
            builder.environment().put("KC_BOOTSTRAP_ADMIN_USERNAME", "admin");
            builder.environment().put("KC_BOOTSTRAP_ADMIN_PASSWORD", "admin");
            builder.environment().remove("JAVA_OPTS");
            builder.environment().remove("JAVA_OPTS_APPEND");
            Keycloak keycloak = new Keycloak(builder.start(), port);
            try {
                keycloak.awaitReady(log);
                keycloak.setUp();
            } catch (RuntimeException e) {
                keycloak.stop();
                throw e;
            }
            return keycloak;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start Keycloak", e);
        }
    }

    private void awaitReady(Path log) {
        Instant started = Instant.now();
        try {
            await().atMost(START_LIMIT).pollInterval(Duration.ofMillis(500)).until(() -> {
                if (!process.isAlive()) {
                    throw new IllegalStateException("Keycloak exited during start-up; see " + log.toAbsolutePath());
                }
                try {
                    return http.send(HttpRequest.newBuilder(URI.create(base + "/realms/master/.well-known/openid-configuration")).GET().build(),
                            HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
                } catch (IOException notYet) {
                    return false;
                }
            });
        } catch (ConditionTimeoutException e) {
            throw new IllegalStateException("Keycloak is not ready after " + START_LIMIT + "; see " + log.toAbsolutePath());
        }
        System.out.printf("Keycloak ready at %s after %d s%n", base, Duration.between(started, Instant.now()).toSeconds());
    }

    private void setUp() {
        try {
            admin("POST", "/admin/realms", JSON.readTree(Files.readString(REALM_FILE)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ObjectNode shortLived = JSON.createObjectNode().put("clientId", SHORT_LIVED_CLIENT).put("publicClient", false).put("secret", SECRET)
                .put("standardFlowEnabled", false).put("serviceAccountsEnabled", true);
        shortLived.putObject("attributes").put("access.token.lifespan", String.valueOf(SHORT_LIFESPAN_SECONDS));
        shortLived.putArray("protocolMappers").add(audienceMapper());
        admin("POST", "/admin/realms/" + REALM + "/clients", shortLived);

        ObjectNode other = JSON.createObjectNode().put("realm", OTHER_REALM).put("enabled", true);
        other.putArray("groups").addObject().put("name", "renewd-admins");
        ObjectNode client = other.putArray("clients").addObject().put("clientId", CLIENT).put("publicClient", false).put("secret", SECRET)
                .put("standardFlowEnabled", false).put("directAccessGrantsEnabled", true);
        client.putArray("protocolMappers").add(audienceMapper()).addObject().put("name", "groups").put("protocol", "openid-connect")
                .put("protocolMapper", "oidc-group-membership-mapper").putObject("config")
                .put("claim.name", "groups").put("full.path", "false").put("access.token.claim", "true");
        ObjectNode mallory = other.putArray("users").addObject().put("username", "mallory").put("firstName", "Mallory").put("lastName", "Elsewhere")
                .put("email", "mallory@elsewhere.localhost").put("emailVerified", true).put("enabled", true);
        mallory.putArray("groups").add("/renewd-admins");
        mallory.putArray("credentials").addObject().put("type", "password").put("value", "mallory").put("temporary", false);
        admin("POST", "/admin/realms", other);
    }

    private static ObjectNode audienceMapper() {
        ObjectNode mapper = JSON.createObjectNode().put("name", "audience renewd").put("protocol", "openid-connect").put("protocolMapper", "oidc-audience-mapper");
        mapper.putObject("config").put("included.client.audience", CLIENT).put("access.token.claim", "true");
        return mapper;
    }

    // ------------------------------------------------------------------ HTTP

    private String token(String realm, Map<String, String> form) {
        JsonNode answer = send(HttpRequest.newBuilder(URI.create(base + "/realms/" + realm + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form(form))));
        return answer.path("access_token").asText();
    }

    /** A call of Keycloak's admin REST API, as the bootstrap administrator (a fresh token each time: the master realm's live a minute). */
    private JsonNode admin(String method, String path, JsonNode body) {
        String token = token("master", Map.of("grant_type", "password", "client_id", "admin-cli", "username", "admin", "password", "admin"));
        try {
            return send(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private JsonNode send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException("Keycloak answered " + response.statusCode() + " to " + response.request().method() + " "
                        + response.request().uri() + ": " + response.body());
            }
            return response.body().isBlank() ? JSON.nullNode() : JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String form(Map<String, String> fields) {
        return fields.entrySet().stream().map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    // ------------------------------------------------------------------ stop

    /** Stops Keycloak (kc.sh passes TERM on to its JVM) and makes sure no process of it is left. */
    private void stop() {
        if (process == null) {
            return;
        }
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        children.forEach(ProcessHandle::destroy);
        try {
            process.onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception notInTime) {
            process.destroyForcibly();
        }
        children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }
}
