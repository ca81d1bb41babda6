package io.renewd.web;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.renewd.testing.TestClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Screenshots of the estate view and a certificate's page (target/screenshots/estate.png and certificate.png; README
 * shows copies from docs/images) over a realistic estate: three vaults, about thirty certificates healthy, renewing,
 * failing, waiting for a person and expired, expiring over the next 90 days. Certificates are backdated by moving the
 * test clock while they are issued.
 */
@QuarkusTest
@TestProfile(WebInventoryProfile.class)
class ScreenshotsTest {

    private static final List<String> VAULTS = List.of("payments-prod", "storefront", "internal-tools");
    /** A CA that answers nothing (a closed port): its orders fail and are retried. */
    private static final String DEAD_CA = "{\"provider\": \"acme\", \"acme\": {\"directory_url\": \"https://127.0.0.1:9/directory\"}, "
            + "\"limits\": {\"max_orders_per_hour\": 1}}";

    private static Chromium chromium;

    @BeforeAll
    static void startChromium() {
        chromium = new Chromium();
    }

    @AfterAll
    static void quitChromium() {
        TestClock.reset();
        if (chromium != null) {
            chromium.close();
        }
    }

    @Test
    void theEstateAndACertificatePageAsAPlatformTeamSeesThem() throws Exception {
        WebFixture.Person dana = WebFixture.person("dana.ops");
        if (VAULTS.stream().map(WebFixture::newVault).toList().contains(true)) {
            VAULTS.forEach(v -> WebFixture.grant(v, dana, v.equals("payments-prod") ? "Administrator" : "Certificate Officer"));
            estate();
        }

        // checkout-api's renewal, on its page (polling the API would fill its audit trail with reads).
        chromium.signIn(dana.username(), CertificatePage.href("payments-prod", "checkout-api"));
        chromium.waitFor(d -> {
            d.navigate().refresh();
            return d.findElement(By.id("versions")).findElements(By.cssSelector("tbody tr")).size() == 2
                    && d.findElement(By.id("operation-status")).getText().equals("completed");
        });
        Path certificate = chromium.screenshot("certificate", 1400);

        WebFixture.inventoryRefreshed();
        chromium.open("/ui");
        assertThat(chromium.byId("count-expired").getText()).doesNotStartWith("0");
        assertThat(chromium.byId("count-waiting").getText()).doesNotStartWith("0");
        Path estate = chromium.screenshot("estate", 800);

        for (Path png : List.of(estate, certificate)) {
            assertThat(Files.size(png)).as(png.toString()).isBetween(10_000L, 300_000L);
        }
    }

    /** About thirty certificates whose expiries spread over the next 90 days, and some that need attention. */
    private static void estate() {
        record Planned(String vault, String name, int expiresInDays, String action) {
        }
        List<Planned> planned = new ArrayList<>();
        String[][] names = {
                {"card-vault", "fraud-scoring", "settlement", "payouts", "ledger", "refunds", "invoicing", "pos-gateway"},
                {"www", "shop", "cdn-origin", "search", "images", "auth", "recommendations", "newsletter", "reviews", "wishlist"},
                {"grafana", "jenkins", "wiki", "vpn", "ldap", "registry", "backup"}};
        int[] days = {4, 9, 12, 16, 19, 23, 26, 30, 33, 37, 41, 44, 48, 52, 55, 58, 62, 66, 69, 73, 76, 80, 84, 87, 120, 150};
        int d = 0;
        for (int v = 0; v < names.length; v++) {
            for (String name : names[v]) {
                if (d < days.length) {
                    int expires = days[d++];
                    planned.add(new Planned(VAULTS.get(v), name, expires, expires < 10 ? "EmailContacts" : "AutoRenew"));
                }
            }
        }
        // Issued in the past, by a clock moved back, so that they expire on the planned day.
        for (Planned p : planned) {
            int months = p.expiresInDays() <= 28 ? 1 : p.expiresInDays() <= 88 ? 3 : 6;
            int issuedDaysAgo = Math.max(0, months * 30 - p.expiresInDays());
            TestClock.reset();
            TestClock.advance(Duration.ofDays(-issuedDaysAgo));
            WebFixture.selfSigned(p.vault(), p.name(), months, p.action().equals("AutoRenew") ? "{\"days_before_expiry\": 7}"
                    : "{\"lifetime_percentage\": 90}", p.action());
        }
        for (String expired : List.of("legacy-sso", "old-intranet")) {
            TestClock.reset();
            TestClock.advance(Duration.ofDays(-45));
            WebFixture.selfSigned("internal-tools", expired, 1, "{\"lifetime_percentage\": 90}", "EmailContacts");
        }
        // checkout-api renews itself a week before expiry: issued 40 days ago, the renewer renews it now.
        TestClock.reset();
        TestClock.advance(Duration.ofDays(-40));
        WebFixture.selfSigned("payments-prod", "checkout-api", 1, "{\"days_before_expiry\": 7}", "AutoRenew");
        TestClock.reset();
        // Waiting for a person: CSRs for the partner CA, and an issuer renewd cannot order from.
        WebFixture.unknownIssuer("payments-prod", "partner-bank-mtls");
        WebFixture.unknownIssuer("storefront", "ev-certificate");
        WebFixture.issuer("internal-tools", "corporate-ca", "{\"provider\": \"OneCertV2-PrivateCA\"}");
        WebFixture.create("internal-tools", "hr-portal", policy("corporate-ca", "hr-portal"));
        // A CA that does not answer: one order fails and is retried, the others wait for the issuer's hourly limit.
        WebFixture.issuer("storefront", "public-acme", DEAD_CA);
        for (String name : List.of("api-gateway", "mobile-api", "status-page")) {
            WebFixture.create("storefront", name, policy("public-acme", name));
        }
    }

    private static String policy(String issuer, String name) {
        return "{\"policy\": {\"issuer\": {\"name\": \"" + issuer + "\"}, \"x509_props\": {\"subject\": \"CN=" + name
                + ".example.com\", \"sans\": {\"dns_names\": [\"" + name + ".example.com\"]}}}}";
    }
}
