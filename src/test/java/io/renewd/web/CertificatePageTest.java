package io.renewd.web;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.renewd.pki.PemCodec;
import org.htmlunit.Page;
import org.htmlunit.html.HtmlForm;
import org.htmlunit.html.HtmlPage;
import org.htmlunit.html.HtmlTable;
import org.htmlunit.html.HtmlTextArea;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** The table, a certificate's page and the actions on it, as people with different rights see them. */
@QuarkusTest
@TestProfile(WebInventoryProfile.class)
class CertificatePageTest {

    @Test
    void theTableFiltersSortsAndPagesAcrossThePersonsVaults() throws Exception {
        WebFixture.Person frank = WebFixture.newPerson("frank");
        String a = WebFixture.newVault();
        String b = WebFixture.newVault();
        WebFixture.grant(a, frank, "Certificate User");
        WebFixture.grant(b, frank, "Certificate User");
        for (int i = 0; i < 52; i++) {
            WebFixture.selfSigned(a, String.format("bulk-%02d", i), 1 + i % 3, "{\"lifetime_percentage\": 80}", "EmailContacts");
        }
        WebFixture.selfSigned(b, "other-one", 6, "{\"lifetime_percentage\": 80}", "AutoRenew");
        WebFixture.unknownIssuer(b, "manual");

        WebFixture.inventoryRefreshed();

        try (WebBrowser browser = new WebBrowser()) {
            HtmlPage first = browser.signIn(frank.username(), "/ui/certificates?sort=name");
            assertThat(names(first)).hasSize(50).startsWith("bulk-00", "bulk-01");
            assertThat(first.getElementById("sort-name").getParentNode().getAttributes().getNamedItem("aria-sort").getNodeValue()).isEqualTo("ascending");
            HtmlPage second = first.getHtmlElementById("next-page").click();
            assertThat(names(second)).containsExactly("bulk-50", "bulk-51", "manual", "other-one");
            assertThat(second.getElementById("next-page")).isNull();

            assertThat(names(browser.open("/ui/certificates?sort=name&order=desc"))).startsWith("other-one", "manual", "bulk-51");
            assertThat(names(browser.open("/ui/certificates?name=BULK-4&sort=name"))).containsExactly(IntStream.range(40, 50)
                    .mapToObj(i -> "bulk-" + i).toArray(String[]::new));
            assertThat(names(browser.open("/ui/certificates?vault=" + b + "&sort=name"))).containsExactly("manual", "other-one");
            assertThat(names(browser.open("/ui/certificates?issuer=unknown"))).containsExactly("manual");
            assertThat(names(browser.open("/ui/certificates?state=waiting"))).containsExactly("manual");
            // Soonest expiry first, by default; the one without a version last.
            List<String> byExpiry = names(browser.open("/ui/certificates?vault=" + b));
            assertThat(byExpiry).containsExactly("other-one", "manual");
        }
    }

    @Test
    void anOfficerMergesTheSignedCsrThroughThePageAndRenewsNow() throws Exception {
        WebFixture.Person grace = WebFixture.newPerson("grace");
        String vault = WebFixture.newVault();
        WebFixture.grant(vault, grace, "Certificate Officer");
        String csr = WebFixture.unknownIssuer(vault, "manual");
        WebFixture.selfSigned(vault, "self", 2, "{\"lifetime_percentage\": 80}", "AutoRenew");

        try (WebBrowser browser = new WebBrowser()) {
            HtmlPage page = browser.signIn(grace.username(), CertificatePage.href(vault, "manual"));
            assertThat(page.getHtmlElementById("state").asNormalizedText()).isEqualTo("Waiting for a person");
            Page download = page.getHtmlElementById("download-csr").click();
            assertThat(download.getWebResponse().getContentAsString()).startsWith("-----BEGIN CERTIFICATE REQUEST-----");
            assertThat(page.getElementById("renew-now")).as("no version to renew yet").isNull();

            // Something that is no certificate: the page says why, the operation still waits.
            page.<HtmlTextArea>getHtmlElementById("merge-pem").setText("not a certificate");
            HtmlPage refused = page.getHtmlElementById("merge").click();
            assertThat(refused.getWebResponse().getStatusCode()).isEqualTo(400);
            assertThat(refused.getHtmlElementById("error").asNormalizedText()).isNotBlank();
            assertThat(WebFixture.operationStatus(vault, "manual")).isEqualTo("inProgress");

            page = refused;
            HtmlForm merge = page.getHtmlElementById("merge-form");
            HtmlTextArea pem = page.getHtmlElementById("merge-pem");
            pem.setText(PemCodec.writeCertificates(List.of(WebFixture.signedByTestCa(Base64.getDecoder().decode(csr)))));
            HtmlPage merged = page.getHtmlElementById("merge").click();
            assertThat(merged.getUrl().toString()).endsWith("?done=merged");
            assertThat(merged.getHtmlElementById("message").asNormalizedText()).startsWith("The signed certificate was merged");
            assertThat(merged.getHtmlElementById("state").asNormalizedText()).isEqualTo("Healthy");
            assertThat(WebFixture.versions(vault, "manual")).hasSize(1);
            assertThat(merge).isNotNull();

            HtmlPage self = browser.open(CertificatePage.href(vault, "self"));
            HtmlTable due = self.getHtmlElementById("due-actions");
            assertThat(due.asNormalizedText()).contains("AutoRenew", "lifetime_percentage:80");
            HtmlPage renewed = self.getHtmlElementById("renew-now").click();
            assertThat(renewed.getHtmlElementById("message").asNormalizedText()).startsWith("Renewal started");
            WebFixture.awaitCompleted(vault, "self");
            assertThat(WebFixture.versions(vault, "self")).hasSize(2);
            // Audited as the API's create is: the person, the operation, the outcome.
            List<Map<String, Object>> entries = given().header("Authorization", "Bearer " + WebFixture.admin())
                    .queryParam("from", Instant.now().minus(Duration.ofHours(1)).toString())
                    .get("/vaults/{v}/audit", vault).then().statusCode(200).extract().path("value");
            assertThat(entries).anySatisfy(e -> assertThat(e).containsEntry("principal", grace.id()).containsEntry("operation", "createCertificate")
                    .containsEntry("object", "self").containsEntry("outcome", "succeeded"));
            assertThat(entries).anySatisfy(e -> assertThat(e).containsEntry("principal", grace.id()).containsEntry("operation", "mergeCertificate")
                    .containsEntry("outcome", "succeeded"));

            HtmlPage disabled = renewed.getHtmlElementById("disable").click();
            assertThat(disabled.getHtmlElementById("message").asNormalizedText()).isEqualTo("The current version is disabled.");
            given().header("Authorization", "Bearer " + WebFixture.admin()).get("/vaults/{v}/certificates/{n}", vault, "self")
                    .then().statusCode(200).body("attributes.enabled", org.hamcrest.Matchers.is(false));

            WebFixture.unknownIssuer(vault, "to-cancel");
            HtmlPage cancelled = browser.open(CertificatePage.href(vault, "to-cancel")).getHtmlElementById("cancel-operation").click();
            assertThat(cancelled.getHtmlElementById("message").asNormalizedText()).isEqualTo("Cancellation requested.");
            assertThat(WebFixture.operationStatus(vault, "to-cancel")).isEqualTo("cancelled");

            // The same POST without the form's CSRF token is refused and changes nothing.
            Page forged = browser.post(CertificatePage.href(vault, "self") + "/actions/renew", Map.of());
            assertThat(forged.getWebResponse().getStatusCode()).isEqualTo(403);
            Page wrongToken = browser.post(CertificatePage.href(vault, "self") + "/actions/renew", Map.of(CsrfTokens.FIELD, "x.y"));
            assertThat(wrongToken.getWebResponse().getStatusCode()).isEqualTo(403);
            assertThat(WebFixture.operationStatus(vault, "self")).isEqualTo("completed");
            assertThat(WebFixture.versions(vault, "self")).hasSize(2);
        }
    }

    @Test
    void aPersonSeesNothingOfAVaultWithoutRightsAndAReaderGetsNoButtonsAndForgedPostsAnswer403() throws Exception {
        WebFixture.Person heidi = WebFixture.newPerson("heidi");
        String readable = WebFixture.newVault();
        String hidden = WebFixture.newVault();
        WebFixture.grant(readable, heidi, "Certificate User");
        WebFixture.selfSigned(readable, "visible-cert", 2, "{\"lifetime_percentage\": 80}", "AutoRenew");
        WebFixture.selfSigned(hidden, "hidden-cert", 2, "{\"lifetime_percentage\": 80}", "AutoRenew");
        WebFixture.unknownIssuer(readable, "visible-csr");

        WebFixture.inventoryRefreshed();

        try (WebBrowser browser = new WebBrowser()) {
            HtmlPage estate = browser.signIn(heidi.username(), "/ui");
            for (String path : List.of("/ui", "/ui/certificates", "/ui/certificates?vault=" + hidden, "/ui/certificates?name=hidden")) {
                String html = browser.open(path).asXml();
                assertThat(html).as(path).doesNotContain(hidden).doesNotContain("hidden-cert");
            }
            assertThat(estate.asXml()).doesNotContain(hidden);
            assertThat(browser.fetch(CertificatePage.href(hidden, "hidden-cert")).getWebResponse().getStatusCode()).isEqualTo(404);
            assertThat(browser.fetch(CertificatePage.href(hidden, "hidden-cert") + "/csr").getWebResponse().getStatusCode()).isEqualTo(404);

            HtmlPage reader = browser.open(CertificatePage.href(readable, "visible-cert"));
            assertThat(reader.getElementById("renew-now")).isNull();
            assertThat(reader.getElementById("disable")).isNull();
            HtmlPage csrPage = browser.open(CertificatePage.href(readable, "visible-csr"));
            assertThat(csrPage.getElementById("merge-form")).isNull();
            assertThat(csrPage.getElementById("cancel-operation")).isNull();
            assertThat(csrPage.getElementById("download-csr")).isNotNull();

            // Forged POSTs with a valid CSRF token (the person's own): refused for want of the permission, nothing changes.
            String token = browser.csrfToken(reader);
            for (String[] post : List.of(new String[]{readable, "visible-cert", "renew"}, new String[]{readable, "visible-cert", "enabled"},
                    new String[]{readable, "visible-csr", "cancel"}, new String[]{readable, "visible-csr", "merge"},
                    new String[]{hidden, "hidden-cert", "renew"}, new String[]{hidden, "hidden-cert", "enabled"})) {
                Page answer = browser.post(CertificatePage.href(post[0], post[1]) + "/actions/" + post[2],
                        Map.of(CsrfTokens.FIELD, token, "enabled", "false", "pem", "x"));
                assertThat(answer.getWebResponse().getStatusCode()).as(String.join("/", post)).isEqualTo(403);
            }
            assertThat(WebFixture.versions(readable, "visible-cert")).hasSize(1);
            assertThat(WebFixture.versions(hidden, "hidden-cert")).hasSize(1);
            assertThat(WebFixture.operationStatus(readable, "visible-csr")).isEqualTo("inProgress");
            given().header("Authorization", "Bearer " + WebFixture.admin()).get("/vaults/{v}/certificates/{n}", hidden, "hidden-cert")
                    .then().statusCode(200).body("attributes.enabled", org.hamcrest.Matchers.is(true));
        }
    }

    private static List<String> names(HtmlPage page) {
        HtmlTable table = page.getHtmlElementById("certificates-table");
        return table.getBodies().getFirst().getRows().stream().filter(r -> r.getCells().size() > 1)
                .map(r -> r.getCell(1).asNormalizedText().replace(" disabled", "")).toList();
    }
}
