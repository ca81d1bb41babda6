package io.renewd.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Real Pebble with ACME Renewal Information (RFC 9773) and profiles, which Debian's Pebble 2.4
 * lacks. An HTTPS reverse proxy on 127.0.0.1 that passes every request to Pebble byte for byte,
 * keeping the Host header: Pebble builds its URLs (directory entries, Location, order and
 * authorization URLs) from that header and checks each JWS {@code url} against it, so renewd's
 * signed requests reach Pebble unchanged and valid, and every URL stays on the proxy's origin.
 * Only two answers are the proxy's own: the directory (Pebble's, with {@code renewalInfo} and
 * {@code meta.profiles} added) and the renewalInfo resource, answered from the windows a test
 * sets. It records the JWS payloads renewd POSTs (readable, not altered), so a test can show what
 * a new order carried ({@code replaces}, {@code profile}).
 */
public final class AriProxy implements AutoCloseable {

    public static final String RENEWAL_INFO_PATH = "/renewal-info/";

    /** A suggested window as the CA answers it, with its Retry-After. */
    public record Window(Instant start, Instant end, Optional<URI> explanation, Duration retryAfter) {
    }

    /** A POST renewd sent: the path and its JWS payload (decoded; empty for POST-as-GET). */
    public record Post(String path, String payload) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final PebbleServer pebble;
    private final SSLServerSocket server;
    private final SSLContext toPebble;
    private final X509Certificate tlsCertificate;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> renewalInfoGets = new ConcurrentHashMap<>();
    private final List<Post> posts = new CopyOnWriteArrayList<>();
    private volatile Map<String, String> profiles = Map.of();
    private volatile boolean offersRenewalInfo = true;
    private volatile Window defaultWindow;

    private AriProxy(PebbleServer pebble, SSLServerSocket server, SSLContext toPebble, X509Certificate tlsCertificate) {
        this.pebble = pebble;
        this.server = server;
        this.toPebble = toPebble;
        this.tlsCertificate = tlsCertificate;
    }

    public static AriProxy start(PebbleServer pebble) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(256);
            KeyPair keyPair = generator.generateKeyPair();
            X509Certificate certificate = selfSigned(keyPair);
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            keys.setKeyEntry("proxy", keyPair.getPrivate(), new char[0], new Certificate[]{certificate});
            KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keyManagers.init(keys, new char[0]);
            SSLContext serverContext = SSLContext.getInstance("TLS");
            serverContext.init(keyManagers.getKeyManagers(), null, null);
            SSLServerSocket socket = (SSLServerSocket) serverContext.getServerSocketFactory()
                    .createServerSocket(0, 50, InetAddress.getLoopbackAddress());
            var proxy = new AriProxy(pebble, socket, trusting(pebble.tlsCertificate()), certificate);
            Thread.ofPlatform().daemon().name("ari-proxy-accept").start(proxy::accept);
            return proxy;
        } catch (Exception e) {
            throw new IllegalStateException("the ARI proxy did not start: " + e.getMessage(), e);
        }
    }

    public URI directoryUrl() {
        return URI.create("https://127.0.0.1:" + server.getLocalPort() + "/dir");
    }

    /** The certificate the proxy's listener presents; clients must trust it. */
    public X509Certificate tlsCertificate() {
        return tlsCertificate;
    }

    /** The profiles the directory lists ({@code meta.profiles}: name to description); none: no profiles member. */
    public void offerProfiles(Map<String, String> offered) {
        profiles = Map.copyOf(offered);
    }

    /** Whether the directory names a renewalInfo resource (on by default). */
    public void offerRenewalInfo(boolean offered) {
        offersRenewalInfo = offered;
    }

    /** What the renewalInfo resource answers for a certificate (its RFC 9773 certID), from now on. */
    public void window(String certId, Window window) {
        windows.put(certId, window);
    }

    /** What the renewalInfo resource answers for certificates without a window of their own; null: 404. */
    public void defaultWindow(Window window) {
        defaultWindow = window;
    }

    /** How often renewd asked for a certificate's renewal information. */
    public int renewalInfoRequests(String certId) {
        return renewalInfoGets.getOrDefault(certId, new AtomicInteger()).get();
    }

    /** The payloads of the new orders renewd placed, in order. */
    public List<JsonNode> newOrders() {
        return posts.stream().filter(p -> p.path().equals("/order-plz")).map(p -> read(p.payload())).toList();
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            // Closing stops accepting; nothing else to do.
        }
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Thread.ofVirtual().name("ari-proxy").start(() -> serve(client));
            } catch (IOException e) {
                if (!server.isClosed()) {
                    System.err.println("ARI proxy: accept failed: " + e.getMessage());
                }
            }
        }
    }

    /** One request per connection: the answer says Connection: close. */
    private void serve(Socket client) {
        try (client) {
            InputStream in = client.getInputStream();
            Request request = Request.read(in);
            OutputStream out = client.getOutputStream();
            if (request.path().equals("/dir") && request.method().equals("GET")) {
                respond(out, 200, Map.of("Content-Type", "application/json"), directory(request).getBytes(StandardCharsets.UTF_8));
            } else if (request.path().startsWith(RENEWAL_INFO_PATH) && request.method().equals("GET")) {
                renewalInfo(out, request.path().substring(RENEWAL_INFO_PATH.length()));
            } else {
                if (request.method().equals("POST")) {
                    posts.add(new Post(request.path(), payload(request.body())));
                }
                forward(request, out);
            }
        } catch (IOException e) {
            System.err.println("ARI proxy: " + e.getMessage());
        }
    }

    private String directory(Request request) throws IOException {
        ObjectNode directory = (ObjectNode) JSON.readTree(exchange(request).body());
        if (offersRenewalInfo) {
            directory.put("renewalInfo", "https://" + request.headers().get("host") + RENEWAL_INFO_PATH.substring(0, RENEWAL_INFO_PATH.length() - 1));
        }
        if (!profiles.isEmpty()) {
            ObjectNode meta = directory.has("meta") ? (ObjectNode) directory.get("meta") : directory.putObject("meta");
            ObjectNode listed = meta.putObject("profiles");
            profiles.forEach(listed::put);
        }
        return JSON.writeValueAsString(directory);
    }

    private void renewalInfo(OutputStream out, String certId) throws IOException {
        renewalInfoGets.computeIfAbsent(certId, id -> new AtomicInteger()).incrementAndGet();
        Window window = windows.getOrDefault(certId, defaultWindow);
        if (window == null) {
            respond(out, 404, Map.of("Content-Type", "application/problem+json"),
                    "{\"type\": \"urn:ietf:params:acme:error:malformed\", \"detail\": \"no renewal information for this certificate\"}"
                            .getBytes(StandardCharsets.UTF_8));
            return;
        }
        ObjectNode body = JSON.createObjectNode();
        ObjectNode suggested = body.putObject("suggestedWindow");
        suggested.put("start", window.start().toString());
        suggested.put("end", window.end().toString());
        window.explanation().ifPresent(url -> body.put("explanationURL", url.toString()));
        respond(out, 200, Map.of("Content-Type", "application/json", "Retry-After", String.valueOf(window.retryAfter().toSeconds())),
                JSON.writeValueAsBytes(body));
    }

    /** Sends the request to Pebble as it came (Host kept) and passes the answer back as it came, with Connection: close. */
    private void forward(Request request, OutputStream out) throws IOException {
        try (SSLSocket upstream = connect()) {
            upstream.getOutputStream().write(request.bytesForUpstream());
            upstream.getOutputStream().flush();
            InputStream answer = upstream.getInputStream();
            byte[] head = readHead(answer);
            out.write(withConnectionClose(head));
            answer.transferTo(out);
            out.flush();
        }
    }

    /** Pebble's answer to the request, whole (for the directory, which the proxy rewrites). */
    private Response exchange(Request request) throws IOException {
        try (SSLSocket upstream = connect()) {
            upstream.getOutputStream().write(request.bytesForUpstream());
            upstream.getOutputStream().flush();
            InputStream answer = upstream.getInputStream();
            String head = new String(readHead(answer), StandardCharsets.ISO_8859_1);
            byte[] rest = answer.readAllBytes();
            boolean chunked = head.toLowerCase(Locale.ROOT).contains("transfer-encoding: chunked");
            return new Response(head, chunked ? dechunk(rest) : rest);
        }
    }

    private record Response(String head, byte[] bodyBytes) {
        String body() {
            return new String(bodyBytes, StandardCharsets.UTF_8);
        }
    }

    private SSLSocket connect() throws IOException {
        SSLSocket socket = (SSLSocket) toPebble.getSocketFactory().createSocket("127.0.0.1", pebble.directoryUrl().getPort());
        socket.setSoTimeout(30_000);
        return socket;
    }

    private static void respond(OutputStream out, int status, Map<String, String> headers, byte[] body) throws IOException {
        var head = new StringBuilder("HTTP/1.1 " + status + (status == 200 ? " OK" : " Not Found") + "\r\n");
        headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        head.append("Content-Length: ").append(body.length).append("\r\nConnection: close\r\n\r\n");
        out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        out.write(body);
        out.flush();
    }

    private static byte[] withConnectionClose(byte[] head) {
        String text = new String(head, StandardCharsets.ISO_8859_1);
        var lines = new ArrayList<>(List.of(text.substring(0, text.length() - 4).split("\r\n")));
        lines.removeIf(line -> line.toLowerCase(Locale.ROOT).startsWith("connection:"));
        lines.add("Connection: close");
        return (String.join("\r\n", lines) + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] readHead(InputStream in) throws IOException {
        var head = new ByteArrayOutputStream();
        int last4 = 0;
        while (last4 != 0x0d0a0d0a) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed inside an HTTP head");
            }
            head.write(b);
            last4 = (last4 << 8) | b;
        }
        return head.toByteArray();
    }

    private static byte[] dechunk(byte[] chunked) {
        var out = new ByteArrayOutputStream();
        int at = 0;
        while (at < chunked.length) {
            int lineEnd = indexOf(chunked, at);
            String sizeText = new String(chunked, at, lineEnd - at, StandardCharsets.ISO_8859_1).split(";")[0].strip();
            int size = Integer.parseInt(sizeText, 16);
            if (size == 0) {
                break;
            }
            out.write(chunked, lineEnd + 2, size);
            at = lineEnd + 2 + size + 2;
        }
        return out.toByteArray();
    }

    private static int indexOf(byte[] bytes, int from) {
        for (int i = from; i + 1 < bytes.length; i++) {
            if (bytes[i] == '\r' && bytes[i + 1] == '\n') {
                return i;
            }
        }
        throw new IllegalStateException("malformed chunked body");
    }

    private static String payload(byte[] body) {
        try {
            JsonNode jws = JSON.readTree(body);
            return new String(Base64.getUrlDecoder().decode(jws.path("payload").asText("")), StandardCharsets.UTF_8);
        } catch (IOException | IllegalArgumentException e) {
            return "(not a JWS: " + e.getMessage() + ")";
        }
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An HTTP/1.1 request as received: request line, headers (names lower-cased, as sent for upstream) and body. */
    private record Request(String method, String target, Map<String, String> headers, List<String> headerLines, byte[] body) {

        static Request read(InputStream in) throws IOException {
            String head = new String(readHead(in), StandardCharsets.ISO_8859_1);
            String[] lines = head.substring(0, head.length() - 4).split("\r\n");
            String[] requestLine = lines[0].split(" ");
            Map<String, String> headers = new LinkedHashMap<>();
            List<String> headerLines = new ArrayList<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                headers.put(lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).strip());
                headerLines.add(lines[i]);
            }
            if (headers.containsKey("transfer-encoding")) {
                throw new IOException("the ARI proxy reads only requests with a Content-Length");
            }
            int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
            return new Request(requestLine[0], requestLine[1], headers, headerLines, in.readNBytes(length));
        }

        String path() {
            int query = target.indexOf('?');
            return query < 0 ? target : target.substring(0, query);
        }

        byte[] bytesForUpstream() {
            var text = new StringBuilder(method + " " + target + " HTTP/1.1\r\n");
            headerLines.stream().filter(line -> !line.toLowerCase(Locale.ROOT).startsWith("connection:"))
                    .forEach(line -> text.append(line).append("\r\n"));
            text.append("Connection: close\r\n\r\n");
            byte[] headBytes = text.toString().getBytes(StandardCharsets.ISO_8859_1);
            byte[] all = new byte[headBytes.length + body.length];
            System.arraycopy(headBytes, 0, all, 0, headBytes.length);
            System.arraycopy(body, 0, all, headBytes.length, body.length);
            return all;
        }
    }

    private static SSLContext trusting(X509Certificate certificate) throws Exception {
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        trust.setCertificateEntry("pebble", certificate);
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }

    private static X509Certificate selfSigned(KeyPair keyPair) throws Exception {
        X500Name name = new X500Name("CN=ARI test proxy");
        Instant now = Instant.now();
        var builder = new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(now.toEpochMilli()),
                Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(1))), name, keyPair.getPublic());
        builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[]{
                new GeneralName(GeneralName.iPAddress, "127.0.0.1")}));
        return new JcaX509CertificateConverter()
                .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(keyPair.getPrivate())));
    }
}
