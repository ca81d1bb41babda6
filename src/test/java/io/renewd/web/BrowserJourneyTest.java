package io.renewd.web;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.renewd.pki.PemCodec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The web inventory in a real headless Chromium, as a person uses it: signs in on Keycloak's login form, reads the
 * estate's timeline and the table, opens a certificate, merges a CSR their CA signed (pasted, and uploaded as a file),
 * renews one; and sees nothing of a vault they have no rights in.
 */
@QuarkusTest
@TestProfile(WebInventoryProfile.class)
class BrowserJourneyTest {

    private static Chromium chromium;

    @BeforeAll
    static void startChromium() {
        chromium = new Chromium();
    }

    @AfterAll
    static void quitChromium() {
        if (chromium != null) {
            chromium.close();
        }
    }

    /** The next test signs in afresh: renewd's session and Keycloak's are forgotten. */
    @AfterEach
    void forgetSessions() {
        chromium.driver().manage().deleteAllCookies();
        ((org.openqa.selenium.chrome.ChromeDriver) chromium.driver()).executeCdpCommand("Network.clearBrowserCookies", Map.of());
    }

    @Test
    void aPersonSeesTheTimelineAndTheTableOfTheirVaultsOpensACertificateAndNothingOfAnotherVault() {
        WebFixture.Person ivan = WebFixture.newPerson("ivan");
        String vault = WebFixture.newVault();
        String hidden = WebFixture.newVault();
        WebFixture.grant(vault, ivan, "Certificate User");
        WebFixture.selfSigned(vault, "shop", 1, "{\"lifetime_percentage\": 80}", "AutoRenew");
        WebFixture.selfSigned(vault, "api", 2, "{\"days_before_expiry\": 10}", "EmailContacts");
        WebFixture.unknownIssuer(vault, "partner");
        WebFixture.selfSigned(hidden, "payroll", 1, "{\"lifetime_percentage\": 80}", "AutoRenew");
        WebFixture.inventoryRefreshed();

        chromium.signIn(ivan.username(), "/ui");
        assertThat(chromium.driver().getTitle()).isEqualTo("Estate · renewd");
        assertThat(chromium.byId("person").getText()).isEqualTo(ivan.username());
        assertThat(chromium.byId("count-healthy").getText()).startsWith("2");
        assertThat(chromium.byId("count-waiting").getText()).startsWith("1");
        WebElement timeline = chromium.byId("timeline");
        assertThat(timeline.isDisplayed()).isTrue();
        assertThat(timeline.getSize().getWidth()).as("the chart is drawn, wide").isGreaterThan(400);
        assertThat(timeline.findElements(By.cssSelector("rect.expiring"))).hasSize(13);
        assertThat(chromium.byId("timeline-table").findElements(By.cssSelector("tbody tr"))).hasSize(13);
        assertThat(chromium.html()).doesNotContain(hidden).doesNotContain("payroll");

        chromium.byId("nav-certificates").click();
        chromium.waitFor(d -> d.getTitle().startsWith("Certificates"));
        assertThat(names()).containsExactly("shop", "api", "partner");
        chromium.byId("sort-name").click();
        chromium.waitFor(d -> d.getCurrentUrl().contains("sort=name"));
        assertThat(names()).containsExactly("api", "partner", "shop");
        new org.openqa.selenium.support.ui.Select(chromium.byId("filter-state")).selectByValue("waiting");
        chromium.byId("filter-apply").click();
        chromium.waitFor(d -> d.getCurrentUrl().contains("state=waiting"));
        assertThat(names()).containsExactly("partner");
        assertThat(chromium.html()).doesNotContain(hidden).doesNotContain("payroll");
        chromium.open("/ui/certificates?vault=" + hidden);
        assertThat(chromium.html()).doesNotContain(hidden).doesNotContain("payroll");
        chromium.open("/ui/certificates?name=payroll");
        assertThat(chromium.byId("no-certificates").isDisplayed()).isTrue();

        chromium.open("/ui/certificates?sort=name");
        chromium.driver().findElement(By.linkText("shop")).click();
        chromium.waitFor(d -> d.getTitle().startsWith("shop in "));
        assertThat(chromium.byId("state").getText()).isEqualTo("Healthy");
        assertThat(chromium.byId("versions").findElements(By.cssSelector("tbody tr"))).hasSize(1);
        assertThat(chromium.byId("due-actions").getText()).contains("AutoRenew");
        assertThat(chromium.has("renew-now")).as("a Certificate User may not renew").isFalse();

        // The other vault's certificate, asked for by its address: not there for this person.
        chromium.open(CertificatePage.href(hidden, "payroll"));
        assertThat(chromium.driver().findElement(By.tagName("body")).getText()).isEqualTo("No such certificate.");
        assertThat(chromium.status(CertificatePage.href(hidden, "payroll"))).isEqualTo(404);
        assertThat(chromium.status(CertificatePage.href(hidden, "payroll") + "/csr")).isEqualTo(404);
        assertThat(chromium.status(CertificatePage.href(vault, "shop"))).isEqualTo(200);
    }

    @Test
    void anOfficerMergesTheCsrTheirCaSignedPastedOrUploadedAndRenewsOne() throws Exception {
        WebFixture.Person judy = WebFixture.newPerson("judy");
        String vault = WebFixture.newVault();
        WebFixture.grant(vault, judy, "Certificate Officer");
        WebFixture.unknownIssuer(vault, "pasted");
        WebFixture.unknownIssuer(vault, "uploaded");
        WebFixture.selfSigned(vault, "renewed", 2, "{\"lifetime_percentage\": 80}", "AutoRenew");

        chromium.signIn(judy.username(), CertificatePage.href(vault, "pasted"));
        assertThat(chromium.byId("state").getText()).isEqualTo("Waiting for a person");
        chromium.byId("download-csr").click();
        String csr = Files.readString(chromium.downloaded("pasted.csr"));
        assertThat(csr).startsWith("-----BEGIN CERTIFICATE REQUEST-----");
        String signed = PemCodec.writeCertificates(List.of(WebFixture.signedByTestCa(WebFixture.csrDer(csr))));
        chromium.byId("merge-pem").sendKeys(signed);
        chromium.byId("merge").click();
        chromium.waitFor(d -> d.getCurrentUrl().endsWith("?done=merged"));
        assertThat(chromium.byId("message").getText()).startsWith("The signed certificate was merged");
        assertThat(chromium.byId("state").getText()).isEqualTo("Healthy");
        assertThat(chromium.byId("versions").findElements(By.cssSelector("tbody tr"))).hasSize(1);
        assertThat(WebFixture.versions(vault, "pasted")).hasSize(1);

        // The file the CA sent back, chosen in the form's file field.
        chromium.open(CertificatePage.href(vault, "uploaded"));
        chromium.byId("download-csr").click();
        Path certificate = Files.createTempFile("uploaded", ".pem");
        Files.writeString(certificate, PemCodec.writeCertificates(List.of(WebFixture.signedByTestCa(
                WebFixture.csrDer(Files.readString(chromium.downloaded("uploaded.csr")))))));
        chromium.byId("merge-file").sendKeys(certificate.toAbsolutePath().toString());
        chromium.byId("merge").click();
        chromium.waitFor(d -> d.getCurrentUrl().endsWith("?done=merged"));
        assertThat(chromium.byId("state").getText()).isEqualTo("Healthy");
        assertThat(WebFixture.versions(vault, "uploaded")).hasSize(1);
        Files.delete(certificate);

        chromium.open(CertificatePage.href(vault, "renewed"));
        assertThat(chromium.byId("versions").findElements(By.cssSelector("tbody tr"))).hasSize(1);
        chromium.byId("renew-now").click();
        chromium.waitFor(d -> d.getCurrentUrl().contains("?done="));
        assertThat(chromium.byId("message").getText()).startsWith("Renewal started");
        // The page shows the new version once the renewer made it.
        chromium.waitFor(d -> {
            d.navigate().refresh();
            return d.findElement(By.id("versions")).findElements(By.cssSelector("tbody tr")).size() == 2;
        });
        assertThat(chromium.byId("versions").getText()).contains("(current)");
        assertThat(WebFixture.versions(vault, "renewed")).hasSize(2);
    }

    private static List<String> names() {
        return chromium.byId("certificates-table").findElements(By.cssSelector("tbody th[scope=row] a")).stream().map(WebElement::getText).toList();
    }
}
