package io.renewd.issuer.acme;

import io.quarkus.test.junit.QuarkusTest;
import io.renewd.domain.IssuerCredentials;
import io.renewd.domain.SubjectAlternativeNames;
import io.renewd.issuer.IssueResult;
import io.renewd.pki.KeyPairs;
import io.renewd.store.SealedStorage;
import io.renewd.testing.PebbleServer;
import io.renewd.testing.SqlCount;
import io.renewd.testing.TestClock;
import io.renewd.testing.TestVaults;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The acme issuer against a real Pebble, which validates HTTP-01 through renewd's HTTP-01 listener. */
@QuarkusTest
class AcmeIssuerTest {

    private static final String EAB_KID = "kid-renewd";
    private static final String EAB_HMAC = "zWNDZM6eQGHWpSRTPal5eIUYFTu7EajVIoguysqZ9wG44nMEtx3MUAsUDkMTQ12W";
    private static final String OTHER_HMAC = "c2VjcmV0LW9mLXNvbWVib2R5LWVsc2Utd2hpY2gtcGViYmxlLXdpbGwtcmVmdXNlLWl0";

    private static final AcmePebble.PerClass PEBBLE = new AcmePebble.PerClass(Map.of());
    private static final AcmePebble.PerClass PEBBLE_WITH_EAB = new AcmePebble.PerClass(Map.of(EAB_KID, EAB_HMAC));
    private PebbleServer pebble;

    @Inject
    AcmeIssuer issuer;

    @Inject
    SealedStorage sealedStorage;

    @Inject
    DataSource dataSource;

    private String vault;

    @BeforeEach
    void startPebbleAndCreateVault() {
        pebble = PEBBLE.get();
        vault = TestVaults.create();
    }

    @AfterEach
    void resetClock() {
        TestClock.reset();
    }

    @AfterAll
    static void stopPebble() {
        PEBBLE.close();
        PEBBLE_WITH_EAB.close();
    }

    @Test
    void issuesACertificateForTheRequestKeyWhoseChainLeadsToPebblesRoot() throws Exception {
        var operation = AcmeRequests.forDnsName(vault, "pebble", pebble.directoryUrl(), Optional.empty(), "www.renewd.test");

        IssueResult result = issuer.issue(operation.first());

        var issued = assertIssued(result);
        assertThat(KeyPairs.samePublicKey(issued.leaf().getPublicKey(), operation.keys().getPublic())).isTrue();
        assertThat(issued.leaf().getSubjectAlternativeNames()).extracting(san -> (Object) san.get(1)).containsExactly("www.renewd.test");
        assertThat(issued.chain()).isNotEmpty();
        assertChainLeadsTo(issued, issuingRoot(pebble));
        // The CA has validated: nothing is left to answer for that order.
        assertThat(count("select count(*) from acme_challenge where order_url in (select order_url from acme_order where vault = ?)", vault))
                .isZero();
    }

    @Test
    void theAccountKeyIsStoredSealedAndReusedForTheNextIssuance() throws Exception {
        issueOk(AcmeRequests.forDnsName(vault, "pebble", pebble.directoryUrl(), Optional.empty(), "a.renewd.test"));
        issueOk(AcmeRequests.forDnsName(vault, "pebble", pebble.directoryUrl(), Optional.empty(), "b.renewd.test"));

        try (var connection = dataSource.getConnection();
             var statement = connection.prepareStatement("select account_url, private_key_sealed, directory_url from acme_account where vault = ?")) {
            statement.setString(1, vault);
            try (var rows = statement.executeQuery()) {
                assertThat(rows.next()).isTrue();
                String accountUrl = rows.getString(1);
                byte[] sealed = rows.getBytes(2);
                String directoryUrl = rows.getString(3);
                assertThat(rows.next()).as("one account for both issuances").isFalse();

                byte[] pkcs8 = sealedStorage.open(sealed, AcmeAccounts.sealContext(vault, "pebble", directoryUrl));
                var privateKey = (ECPrivateKey) KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
                byte[] scalar = privateKey.getS().toByteArray();
                assertThat(indexOf(sealed, pkcs8)).as("the PKCS#8 key is not stored in clear").isEqualTo(-1);
                assertThat(indexOf(sealed, Arrays.copyOfRange(scalar, scalar.length - 16, scalar.length)))
                        .as("no part of the private scalar is stored in clear").isEqualTo(-1);
                assertThatThrownBy(() -> sealedStorage.open(sealed, AcmeAccounts.sealContext(vault, "other", directoryUrl)))
                        .as("the sealed key opens only for its own row").isInstanceOf(RuntimeException.class);

                assertThat(count("select count(*) from acme_order where vault = ? and account_url = ?", vault, accountUrl))
                        .as("both orders were placed with the stored account").isEqualTo(2);
            }
        }
    }

    @Test
    void externalAccountBindingWithTheRightKeyIssuesAndWithAWrongKeyNeedsAPerson() {
        URI directory = PEBBLE_WITH_EAB.get().directoryUrl();

        var wrongKey = issuer.issue(AcmeRequests.forDnsName(vault, "wrong-hmac", directory,
                Optional.of(new IssuerCredentials(EAB_KID, OTHER_HMAC)), "eab.renewd.test").first());
        var missing = issuer.issue(AcmeRequests.forDnsName(vault, "no-eab", directory, Optional.empty(), "eab.renewd.test").first());
        var notBase64 = issuer.issue(AcmeRequests.forDnsName(vault, "typo", directory,
                Optional.of(new IssuerCredentials(EAB_KID, "not*base64url")), "eab.renewd.test").first());
        var rightKey = issuer.issue(AcmeRequests.forDnsName(vault, "eab", directory,
                Optional.of(new IssuerCredentials(EAB_KID, EAB_HMAC)), "eab.renewd.test").first());

        assertThat(wrongKey).isInstanceOfSatisfying(IssueResult.Failed.class, failed -> {
            assertThat(failed.code()).isEqualTo(AcmeErrors.UNAUTHORIZED);
            assertThat(failed.retryable()).isFalse();
            assertThat(failed.message()).doesNotContain(OTHER_HMAC).doesNotContain(EAB_HMAC);
        });
        assertThat(missing).isInstanceOfSatisfying(IssueResult.Failed.class, failed -> {
            assertThat(failed.code()).isEqualTo(AcmeErrors.UNAUTHORIZED);
            assertThat(failed.retryable()).isFalse();
        });
        assertThat(notBase64).isInstanceOfSatisfying(IssueResult.Failed.class, failed -> {
            assertThat(failed.code()).isEqualTo(AcmeErrors.MISCONFIGURED);
            assertThat(failed.retryable()).isFalse();
            assertThat(failed.message()).doesNotContain("not*base64url");
        });
        assertIssued(rightKey);
        assertThat(count("select count(*) from acme_account where vault = ?", vault)).as("only the accepted account is kept").isEqualTo(1);
    }

    @Test
    void aCaThatIsDownIsRetryableAndIssuesOnceItIsUpAgain() throws Exception {
        URI closedPort = URI.create("https://127.0.0.1:" + closedPort() + "/dir");
        var unreachable = issuer.issue(AcmeRequests.forDnsName(vault, "down", closedPort, Optional.empty(), "down.renewd.test").first());

        PebbleServer stopped = AcmePebble.start(Map.of());
        URI stoppedDirectory = stopped.directoryUrl();
        stopped.close();
        var stoppedResult = issuer.issue(AcmeRequests.forDnsName(vault, "restarted", stoppedDirectory, Optional.empty(),
                "down.renewd.test").first());

        for (var result : List.of(unreachable, stoppedResult)) {
            assertThat(result).isInstanceOfSatisfying(IssueResult.Failed.class, failed -> {
                assertThat(failed.code()).isEqualTo(AcmeErrors.UNAVAILABLE);
                assertThat(failed.retryable()).isTrue();
            });
        }
        try (PebbleServer upAgain = AcmePebble.start(Map.of())) {
            assertIssued(issuer.issue(AcmeRequests.forDnsName(vault, "restarted", upAgain.directoryUrl(), Optional.empty(),
                    "down.renewd.test").first()));
        }
    }

    @Test
    void namesAnAcmeCaCannotCertifyAreRejectedWithoutAskingIt() {
        var withEmail = AcmeRequests.forNames(vault, "pebble", pebble.directoryUrl(), Optional.empty(),
                new SubjectAlternativeNames(List.of("mail.renewd.test"), List.of("pki@renewd.test"), null, null));

        assertThat(issuer.issue(withEmail.first())).isInstanceOfSatisfying(IssueResult.Failed.class, failed -> {
            assertThat(failed.code()).isEqualTo(AcmeErrors.REJECTED);
            assertThat(failed.retryable()).isFalse();
        });
        assertThat(count("select count(*) from acme_account where vault = ?", vault)).isZero();
    }

    private void issueOk(AcmeRequests operation) {
        assertIssued(issuer.issue(operation.first()));
    }

    private IssueResult.Issued assertIssued(IssueResult result) {
        assertThat(result).isInstanceOf(IssueResult.Issued.class);
        return (IssueResult.Issued) result;
    }

    private static void assertChainLeadsTo(IssueResult.Issued issued, X509Certificate root) throws Exception {
        List<X509Certificate> path = new ArrayList<>();
        path.add(issued.leaf());
        issued.chain().stream().filter(certificate -> !certificate.equals(root)).forEach(path::add);
        var parameters = new PKIXParameters(Set.of(new TrustAnchor(root, null)));
        parameters.setRevocationEnabled(false);
        CertPathValidator.getInstance("PKIX").validate(CertificateFactory.getInstance("X.509").generateCertPath(path), parameters);
    }

    private static X509Certificate issuingRoot(PebbleServer server) throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(
                new ByteArrayInputStream(server.issuingRootPem().getBytes(StandardCharsets.US_ASCII)));
    }

    private long count(String sql, String... parameters) {
        return SqlCount.of(dataSource, sql, parameters);
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static int closedPort() throws Exception {
        try (var socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
