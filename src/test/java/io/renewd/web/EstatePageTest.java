package io.renewd.web;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.renewd.testing.Keycloak;
import io.renewd.testing.TestClock;
import org.htmlunit.html.HtmlElement;
import org.htmlunit.html.HtmlPage;
import org.htmlunit.html.HtmlTable;
import org.htmlunit.http.Cookie;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.is;

/** Signing in to the web inventory through Keycloak's login form, and the estate view of a known set of certificates. */
@QuarkusTest
@TestProfile(WebInventoryProfile.class)
class EstatePageTest {

    @AfterEach
    void resetClock() {
        TestClock.reset();
    }

    @Test
    void aPersonSignsInThroughTheIdentityProviderAndSeesTheCountsAndTimelineOfTheirVaults() throws Exception {
        WebFixture.Person erin = WebFixture.newPerson("erin");
        String vault = WebFixture.newVault();
        WebFixture.grant(vault, erin, "Certificate Officer");
        // Expires in about a month (week 4 of the timeline); mails its contacts half-way.
        WebFixture.selfSigned(vault, "month", 1, "{\"lifetime_percentage\": 50}", "EmailContacts");
        // Expires in about two months (week 8).
        WebFixture.selfSigned(vault, "two-months", 2, "{\"days_before_expiry\": 7}", "EmailContacts");
        // Expires in about four months (beyond the timeline); renews 60 days before, about two months from now (week 8).
        WebFixture.selfSigned(vault, "four-months", 4, "{\"days_before_expiry\": 60}", "AutoRenew");
        WebFixture.unknownIssuer(vault, "csr");
        // Another vault's certificates, which erin has no rights in.
        String other = WebFixture.newVault();
        WebFixture.selfSigned(other, "secret-project", 1, "{\"lifetime_percentage\": 50}", "EmailContacts");

        WebFixture.inventoryRefreshed();

        try (WebBrowser browser = new WebBrowser()) {
            HtmlPage estate = browser.signIn(erin.username(), "/ui");
            assertThat(estate.getUrl().toString()).isEqualTo(WebBrowser.origin() + "/ui");
            assertThat(estate.getTitleText()).isEqualTo("Estate · renewd");
            assertThat(estate.getHtmlElementById("person").asNormalizedText()).isEqualTo(erin.username());
            assertThat(counts(estate)).containsExactly(3, 0, 0, 1, 0);
            assertThat(timeline(estate, 1)).containsExactly(0, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 0);
            assertThat(timeline(estate, 2)).containsExactly(0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0);
            assertThat(estate.getElementById("timeline").getAttribute("role")).isEqualTo("img");
            assertThat(estate.asXml()).doesNotContain(other).doesNotContain("secret-project");

            Cookie session = browser.cookies().stream().filter(c -> c.getName().startsWith("q_session")).findFirst().orElseThrow();
            assertThat(session.isSecure()).isTrue();
            assertThat(session.isHttpOnly()).isTrue();
            assertThat(session.getSameSite()).isEqualToIgnoringCase("lax");

            // Five weeks on: the month's certificate has expired; the others come closer.
            TestClock.advance(Duration.ofDays(35));
            estate = browser.open("/ui");
            assertThat(counts(estate)).containsExactly(2, 0, 0, 1, 1);
            // The two-month one now expires in week 3, the four-month one in the last week.
            assertThat(timeline(estate, 1)).containsExactly(0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 1);
            assertThat(timeline(estate, 2)).containsExactly(0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0);

            // Signing out ends the session here and at the identity provider: the next visit signs in again.
            estate.getHtmlElementById("sign-out").click();
            assertThat(browser.open("/ui").getUrl().toString()).contains("/protocol/openid-connect/auth");
        }
    }

    @Test
    void theApiStillAnswersWithoutATokenWithItsChallengeAndTheInventoryRedirectsToSignIn() throws Exception {
        given().get("/vaults").then().statusCode(401)
                .header("WWW-Authenticate", "Bearer authorization=\"" + WebFixture.KEYCLOAK.issuer() + "\", resource=\"" + Keycloak.AUDIENCE + "\"")
                .body("error.code", is("Unauthorized"));
        given().redirects().follow(false).get("/ui").then().statusCode(302)
                .header("Location", org.hamcrest.Matchers.startsWith(WebFixture.KEYCLOAK.issuer() + "/protocol/openid-connect/auth"));
        // An API token is no way into the inventory: it signs people in with the code flow only.
        given().redirects().follow(false).header("Authorization", "Bearer " + WebFixture.admin()).get("/ui/certificates")
                .then().statusCode(302);
    }

    /** The counts in the order healthy, renewing, failing, waiting, expired. */
    private static List<Integer> counts(HtmlPage page) {
        List<Integer> counts = new ArrayList<>();
        for (String state : List.of("healthy", "renewing", "failing", "waiting", "expired")) {
            HtmlElement number = page.getFirstByXPath("//a[@id='count-" + state + "']/span[@class='number']");
            counts.add(Integer.parseInt(number.asNormalizedText()));
        }
        return counts;
    }

    private static List<Integer> timeline(HtmlPage page, int column) {
        HtmlTable table = page.getHtmlElementById("timeline-table");
        return table.getBodies().getFirst().getRows().stream().map(r -> Integer.parseInt(r.getCell(column).asNormalizedText())).toList();
    }
}
