package io.renewd.issuer.acme;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * A small HTTPS server on 127.0.0.1 that plays a hostile or broken ACME CA for the tests: each
 * path answers what the test says (a directory pointing elsewhere, a redirect, a slow or huge
 * answer, an order with too many authorizations). Its TLS certificate (for 127.0.0.1 and
 * localhost) is added to the ACME trust store of %test, so only its behaviour is hostile.
 */
final class HostileAcmeServer implements AutoCloseable {

    /** Answers one request. */
    @FunctionalInterface
    interface Handler {
        void handle(HttpExchange exchange) throws IOException, InterruptedException;
    }

    private final HttpsServer server;
    private final Map<String, Handler> handlers = new ConcurrentHashMap<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();

    private HttpsServer started;

    HostileAcmeServer() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(256);
            KeyPair keyPair = generator.generateKeyPair();
            X509Certificate certificate = certificate(keyPair);
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            keys.setKeyEntry("server", keyPair.getPrivate(), new char[0], new Certificate[]{certificate});
            KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keyManagers.init(keys, new char[0]);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keyManagers.getKeyManagers(), null, null);
            server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.setHttpsConfigurator(new HttpsConfigurator(context));
            server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            server.createContext("/", this::dispatch);
            server.start();
            started = server;
            AcmePebble.trust("hostile-" + server.getAddress().getPort(), certificate);
        } catch (Exception e) {
            close();
            throw new IllegalStateException("the hostile ACME server did not start: " + e.getMessage(), e);
        }
    }

    int port() {
        return server.getAddress().getPort();
    }

    /** {@code https://127.0.0.1:<port><path>}: the address on the tests' allow-list. */
    URI url(String path) {
        return URI.create("https://127.0.0.1:" + port() + path);
    }

    /** The same server under another host name ({@code localhost}), which is not on the allow-list. */
    URI urlAsLocalhost(String path) {
        return URI.create("https://localhost:" + port() + path);
    }

    HostileAcmeServer on(String path, Handler handler) {
        handlers.put(path, handler);
        return this;
    }

    /** The requests received so far, as {@code METHOD path}. */
    List<String> requests() {
        return List.copyOf(requests);
    }

    /**
     * A directory whose resources are {@code base} + the resource name, and the nonce, account
     * and order endpoints a client needs to get as far as placing an order (all on this server).
     */
    HostileAcmeServer actingAsCa(URI base) {
        on("/dir", exchange -> json(exchange, 200, directory(base)));
        on("/new-nonce", exchange -> {
            nonce(exchange);
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        on("/new-account", exchange -> {
            exchange.getResponseHeaders().add("Location", url("/account/1").toString());
            json(exchange, 201, "{\"status\": \"valid\", \"orders\": \"" + url("/account/1/orders") + "\"}");
        });
        return this;
    }

    static String directory(URI base) {
        return """
                {"newNonce": "%1$snew-nonce", "newAccount": "%1$snew-account", "newOrder": "%1$snew-order",
                 "revokeCert": "%1$srevoke-cert", "keyChange": "%1$skey-change"}""".formatted(base);
    }

    static void json(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        nonce(exchange);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    static void nonce(HttpExchange exchange) {
        exchange.getResponseHeaders().set("Replay-Nonce", "bm9uY2Utb2YtdGhlLWhvc3RpbGUtc2VydmVy");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
    }

    @Override
    public void close() {
        if (started != null) {
            started.stop(0);
            started = null;
        }
    }

    private void dispatch(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        requests.add(exchange.getRequestMethod() + " " + path);
        exchange.getRequestBody().readAllBytes();
        Handler handler = handlers.get(path);
        try {
            if (handler == null) {
                exchange.sendResponseHeaders(404, -1);
                exchange.close();
                return;
            }
            handler.handle(exchange);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // The client gave up (as renewd should): nothing to answer.
        } finally {
            exchange.close();
        }
    }

    private static X509Certificate certificate(KeyPair keyPair) throws Exception {
        X500Name name = new X500Name("CN=hostile acme test server");
        Instant now = Instant.now();
        var builder = new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(now.toEpochMilli()),
                Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(1))), name, keyPair.getPublic());
        builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[]{
                new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
                new GeneralName(GeneralName.dNSName, "localhost")}));
        return new JcaX509CertificateConverter()
                .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(keyPair.getPrivate())));
    }
}
