package io.renewd.notify;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.renewd.application.schedule.SweepDueActions;
import io.renewd.domain.events.CertificateEvent;
import io.renewd.events.EventOutbox;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A certificate that renews every few minutes mails its contacts about its renewals at most once a
 * day (renewd.notifier.renewal-mail-interval), counting what it held back; every failure still mails.
 */
@QuarkusTest
class ShortLivedMailsTest {

    @Inject
    SweepDueActions sweep;
    @Inject
    EventOutbox outbox;
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
    void renewalsAreMailedOncePerCertificateAndDayAndEveryFailureIsMailed() throws Exception {
        given().contentType(ContentType.JSON).body("""
                        {"policy": {"key_props": {"kty": "EC", "crv": "P-256"},
                         "x509_props": {"subject": "CN=rapid.example.com", "sans": {"dns_names": ["rapid.example.com"]}, "validity": "PT10M"},
                         "lifetime_actions": [{"trigger": {"lifetime_percentage": 80}, "action": {"action_type": "AutoRenew"}}],
                         "issuer": {"name": "Self"}}}""")
                .post("/vaults/{v}/certificates/rapid/create", vault).then().statusCode(202);
        double renewedSkipped = skipped("renewed");
        double dueSkipped = skipped("auto-renewal");

        for (int renewal = 1; renewal <= 3; renewal++) {
            renew(renewal);
            // A failure between two renewals (the renewer's record of it): mailed every time.
            failure(renewal);
            int failures = renewal;
            await().atMost(Duration.ofSeconds(90)).until(() -> mails("[renewd] Renewal of " + vault + "/rapid failed") == failures);
        }
        // The notifier handled every renewal (renew waited for it): what it queued is final.
        assertThat(queued("renewed")).as("renewed mails queued for three renewals").isEqualTo(1);
        assertThat(queued("auto-renewal")).as("AutoRenew mails queued for three renewals").isEqualTo(1);
        await().atMost(Duration.ofSeconds(30)).until(() -> mails("[renewd] " + vault + "/rapid renewed: new version") == 1
                && mails("[renewd] " + vault + "/rapid will be renewed automatically") == 1);
        assertThat(skipped("renewed") - renewedSkipped).isEqualTo(2);
        assertThat(skipped("auto-renewal") - dueSkipped).isEqualTo(2);

        // The next day: the current version's AutoRenew fires (late) and its renewal is mailed again.
        TestClock.advance(Duration.ofDays(1));
        renew(4);
        await().atMost(Duration.ofSeconds(90)).until(() -> mails("[renewd] " + vault + "/rapid renewed: new version") == 2
                && mails("[renewd] " + vault + "/rapid will be renewed automatically") == 2);
        assertThat(mails("[renewd] Renewal of " + vault + "/rapid failed")).isEqualTo(3);
    }

    /** Lets the current version's AutoRenew fall due and waits until its renewal is issued and the notifier has handled both events. */
    private void renew(int renewal) {
        TestClock.advance(Duration.ofMinutes(9));
        while (sweep.sweepBatch() > 0) {
            // more may be due
        }
        await().atMost(Duration.ofSeconds(90)).until(() -> SqlCount.of(dataSource, """
                select count(*) from consumed_event e join outbox o on o.id = e.event_id
                where e.consumer = 'notifier' and o.aggregateid = ? || '/rapid' and o.type = 'io.renewd.certificate.NewVersionCreated'
                  and o.payload ->> 'cause' = 'renewed'""", vault) == renewal
                && SqlCount.of(dataSource, """
                select count(*) from consumed_event e join outbox o on o.id = e.event_id
                where e.consumer = 'notifier' and o.aggregateid = ? || '/rapid' and o.type = 'io.renewd.certificate.NearExpiry'
                  and o.payload ->> 'action' = 'AutoRenew'""", vault) == renewal);
    }

    /** A failed attempt as the renewer records it: the operation holds the failure and the event points at it. */
    private void failure(int attempt) throws Exception {
        String id = given().get("/vaults/{v}/certificates/rapid", vault).then().extract().path("id");
        String version = id.substring(id.lastIndexOf('/') + 1);
        Instant nextAttempt = TestClock.now().plus(Duration.ofMinutes(5));
        try (var connection = dataSource.getConnection();
             var operation = connection.prepareStatement("update certificate_operation set error_code = 'IssuerUnavailable',"
                     + " error_message = 'the CA did not answer', attempts = ?, person_must_act = false"
                     + " where certificate_id = (select id from certificate where vault = ? and name = 'rapid')")) {
            operation.setInt(1, attempt);
            operation.setString(2, vault);
            assertThat(operation.executeUpdate()).isEqualTo(1);
        }
        QuarkusTransaction.requiringNew().run(() -> outbox.write(new CertificateEvent.RenewalFailed(vault, "rapid", version,
                TestClock.now(), TestClock.now().plus(Duration.ofMinutes(10)), "IssuerUnavailable", "the CA did not answer",
                attempt, nextAttempt, false, "Self")));
    }

    private long mails(String subjectStart) {
        return Mails.to(contact).stream().filter(m -> Mails.subject(m).startsWith(subjectStart)).count();
    }

    private long queued(String kind) {
        return SqlCount.of(dataSource, "select count(*) from mail_outbox where vault = ? and certificate = 'rapid' and kind = ?", vault, kind);
    }

    private static double skipped(String kind) {
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher value = Pattern.compile("renewd_mails_skipped_total\\{kind=\"" + kind + "\",reason=\"renewal-mail-interval\"} (\\S+)").matcher(metrics);
        return value.find() ? Double.parseDouble(value.group(1)) : 0;
    }
}
