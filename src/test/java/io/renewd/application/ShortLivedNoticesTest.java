package io.renewd.application;

import io.quarkus.test.junit.QuarkusTest;
import io.renewd.application.schedule.SweepDueActions;
import io.renewd.testing.Mails;
import io.renewd.testing.SqlCount;
import io.renewd.testing.TestClock;
import io.renewd.testing.TestVaults;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * renewd's own near-expiry notices (30, 15, 7 days) are for versions that outlive twice their lead
 * time: a 10-minute or 6-day certificate gets no "expires in 0 days" mail at issuance, while its
 * Key Vault lifetime actions still fire, and a 1-year certificate still gets all three notices.
 */
@QuarkusTest
class ShortLivedNoticesTest {

    @Inject
    SweepDueActions sweep;
    @Inject
    DataSource dataSource;

    private String vault;
    private String contact;

    @BeforeEach
    void vaultWithContact() {
        var created = TestVaults.createWithContact("ops");
        vault = created.vault();
        contact = created.contact();
    }

    @AfterEach
    void resetClock() {
        TestClock.reset();
    }

    @Test
    void tenMinuteAndSixDayCertificatesGetNoNearExpiryNoticeButTheirLifetimeActionsStillFire() {
        create("ten-minutes", "\"validity\": \"PT10M\"", "{\"lifetime_percentage\": 80}", "AutoRenew");
        create("six-days", "\"validity\": \"P6D\"", "{\"days_before_expiry\": 2}", "EmailContacts");
        // At issuance: every notice of these would be overdue, and the 7-day one would fire ("expires in 0 days").
        sweepUntilIdle();

        assertThat(triggers("ten-minutes")).containsExactlyInAnyOrder("lifetime_percentage:80", "expired");
        assertThat(triggers("six-days")).containsExactlyInAnyOrder("days_before_expiry:2", "expired");

        // Four days on: the six-day certificate's EmailContacts and the ten-minute one's AutoRenew (late) fire.
        TestClock.advance(Duration.ofDays(4).plusHours(1));
        sweepUntilIdle();
        await().atMost(Duration.ofSeconds(90)).until(() -> subjects().contains("[renewd] Action needed: renew " + vault + "/six-days, 1 days left")
                && subjects().stream().anyMatch(s -> s.startsWith("[renewd] " + vault + "/ten-minutes will be renewed automatically"))
                && subjects().stream().anyMatch(s -> s.startsWith("[renewd] " + vault + "/ten-minutes renewed: new version")));

        assertThat(subjects()).noneMatch(s -> s.contains(" expires in "));
        assertThat(SqlCount.of(dataSource, "select count(*) from outbox where aggregateid like ? || '/%'"
                + " and type = 'io.renewd.certificate.NearExpiry' and payload ->> 'action' = 'Notice'", vault)).as("notice events").isZero();
        assertThat(SqlCount.of(dataSource, "select count(*) from due_action d join certificate c on c.id = d.certificate_id"
                + " where c.vault = ? and d.kind = 'Notice'", vault)).as("notices of the renewed version too").isZero();
    }

    @Test
    void aOneYearCertificateStillGetsItsThirtyFifteenAndSevenDayNotices() throws Exception {
        create("one-year", "\"validity_months\": 12", "{\"days_before_expiry\": 3}", "EmailContacts");
        assertThat(triggers("one-year")).containsExactlyInAnyOrder("notice:P30D", "notice:P15D", "notice:P7D", "days_before_expiry:3", "expired");
        Instant notAfter = notAfter("one-year");

        for (int lead : new int[] {30, 15, 7}) {
            TestClock.advance(Duration.between(TestClock.now(), notAfter.minus(Duration.ofDays(lead)).plus(Duration.ofMinutes(1))));
            sweepUntilIdle();
            String subject = "[renewd] " + vault + "/one-year expires in " + (lead - 1) + " days";
            await().atMost(Duration.ofSeconds(90)).until(() -> subjects().contains(subject));
        }
        assertThat(subjects()).filteredOn(s -> s.contains(" expires in ")).hasSize(3);
    }

    private void create(String name, String validity, String trigger, String action) {
        given().contentType(ContentType.JSON).body("""
                        {"policy": {"key_props": {"kty": "EC", "crv": "P-256"},
                         "x509_props": {"subject": "CN=%s.example.com", "sans": {"dns_names": ["%s.example.com"]}, %s},
                         "lifetime_actions": [{"trigger": %s, "action": {"action_type": "%s"}}],
                         "issuer": {"name": "Self"}}}""".formatted(name, name, validity, trigger, action))
                .post("/vaults/{v}/certificates/{n}/create", vault, name).then().statusCode(202);
    }

    private void sweepUntilIdle() {
        while (sweep.sweepBatch() > 0) {
            // more may be due
        }
    }

    private List<String> subjects() {
        return Mails.to(contact).stream().map(Mails::subject).toList();
    }

    /** The due actions of the certificate's current version that were not cancelled. */
    private List<String> triggers(String name) {
        List<String> triggers = new ArrayList<>();
        try (var connection = dataSource.getConnection();
             var statement = connection.prepareStatement("""
                     select d.trigger from due_action d join certificate c on c.id = d.certificate_id
                     where c.vault = ? and c.name = ? and d.state <> 'cancelled'
                       and d.version_id = (select max(id) from certificate_version where certificate_id = c.id)""")) {
            statement.setString(1, vault);
            statement.setString(2, name);
            try (var rows = statement.executeQuery()) {
                while (rows.next()) {
                    triggers.add(rows.getString(1));
                }
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        return triggers;
    }

    private Instant notAfter(String name) throws Exception {
        try (var connection = dataSource.getConnection();
             var statement = connection.prepareStatement("""
                     select v.not_after from certificate_version v join certificate c on c.id = v.certificate_id
                     where c.vault = ? and c.name = ? order by v.id desc limit 1""")) {
            statement.setString(1, vault);
            statement.setString(2, name);
            try (var rows = statement.executeQuery()) {
                rows.next();
                return rows.getTimestamp(1).toInstant();
            }
        }
    }
}
