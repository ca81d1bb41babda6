package io.renewd.azure;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.security.keyvault.certificates.CertificateClient;
import com.azure.security.keyvault.certificates.CertificateClientBuilder;
import io.renewd.http.ProductionListeners;
import io.renewd.testing.TestTls;
import io.renewd.testing.TestVaults;
import reactor.core.publisher.Mono;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.OffsetDateTime;

/**
 * The official Azure Key Vault certificates client, set up against the renewd under test the
 * way a user sets it up against renewd: the vault's URL (its own host name, or renewd's host with
 * the path {@code /vaults/<vault>}), an HTTP client that trusts renewd's certificate, challenge resource verification off (renewd's
 * audience is not a *.vault.azure.net name), and a {@link TokenCredential}.
 */
public final class AzureSdkTestSupport {

    private AzureSdkTestSupport() {
    }

    /** The bearer token every SDK call of the suite presents: an administrator's, signed with the test key renewd trusts. */
    public static String token() {
        return io.renewd.testing.TestTokens.admin();
    }

    /** A credential that hands out {@link #token()}, whatever scope and tenant the challenge named. */
    public static TokenCredential credential() {
        return request -> {
            TOKEN_REQUESTS.add(String.join(" ", request.getScopes()) + " tenant=" + request.getTenantId());
            return Mono.just(new AccessToken(token(), OffsetDateTime.now().plusHours(1)));
        };
    }

    /** What the SDK asked {@link #credential()} for: scopes and tenant, as "scope tenant=id". */
    public static java.util.Set<String> tokenRequests() {
        return java.util.Set.copyOf(TOKEN_REQUESTS);
    }

    private static final java.util.Set<String> TOKEN_REQUESTS = java.util.concurrent.ConcurrentHashMap.newKeySet();

    public static String baseUrl() {
        return "https://localhost:" + ProductionListeners.httpsPort();
    }

    /** A vault's URL as Key Vault writes them: the vault's own host name ({@code renewd.api.vault-host}). */
    public static String vaultUrl(String vault) {
        return "https://" + vault + "." + TestTls.VAULT_DOMAIN + ":" + ProductionListeners.httpsPort();
    }

    /** A vault's URL under renewd's path prefix, on renewd's one host name. */
    public static String pathVaultUrl(String vault) {
        return baseUrl() + "/vaults/" + vault;
    }

    /** azure-core's HTTP client on the JDK's HttpClient, trusting renewd's test certificate. */
    public static HttpClient httpClient() {
        return new JdkHttpClientBuilder(java.net.http.HttpClient.newBuilder().sslContext(TestTls.localhost().clientContext()))
                .connectionTimeout(Duration.ofSeconds(10)).responseTimeout(Duration.ofSeconds(60)).build();
    }

    /** The client as a Key Vault user builds it, for the vault's own host name. */
    public static CertificateClient client(String vault) {
        return clientFor(vaultUrl(vault));
    }

    /** The client for the vault's URL under renewd's path prefix. */
    public static CertificateClient pathClient(String vault) {
        return clientFor(pathVaultUrl(vault));
    }

    /** With the SDK's default service version (its newest), as a user who sets none gets. */
    private static CertificateClient clientFor(String vaultUrl) {
        return new CertificateClientBuilder()
                .vaultUrl(vaultUrl)
                .credential(credential())
                .disableChallengeResourceVerification()
                .httpClient(httpClient())
                .buildClient();
    }

    /** A new vault: renewd's own admin call (Key Vault makes vaults through ARM, which the SDK does not cover). */
    public static String createVault() {
        String vault = TestVaults.newName();
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(pathVaultUrl(vault)))
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString("{}")));
        if (response.statusCode() != 201) {
            throw new AssertionError("creating vault " + vault + ": " + response.statusCode() + " " + response.body());
        }
        return vault;
    }

    /** A request to renewd's API over HTTPS with {@link #token()}. */
    public static HttpResponse<String> send(HttpRequest.Builder request) {
        try (var client = java.net.http.HttpClient.newBuilder().sslContext(TestTls.localhost().clientContext()).build()) {
            return client.send(request.header("Authorization", "Bearer " + token()).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
