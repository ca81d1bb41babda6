package io.renewd.issuer.acme;

import io.renewd.domain.Curve;
import io.renewd.domain.KeySpec;
import io.renewd.domain.SubjectAlternativeNames;
import io.renewd.pki.CertificateTemplate;
import io.renewd.pki.Csrs;
import io.renewd.pki.KeyPairs;
import org.junit.jupiter.api.Test;
import org.shredzone.acme4j.Identifier;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AcmeOrderIdentifiersTest {

    @Test
    void ordersEveryDnsNameAndIpAddressOfTheCsr() {
        byte[] csr = csr("CN=www.renewd.test", new SubjectAlternativeNames(List.of("www.renewd.test", "renewd.test"), null, null,
                List.of("192.0.2.10")));

        assertThat(OrderIdentifiers.of(csr)).containsExactly(Identifier.dns("www.renewd.test"), Identifier.dns("renewd.test"),
                Identifier.ip("192.0.2.10"));
    }

    @Test
    void aCsrWithoutSansOrdersItsCommonNameWhenItIsAHostName() {
        assertThat(OrderIdentifiers.of(csr("CN=legacy.renewd.test,O=Renewd", null))).containsExactly(Identifier.dns("legacy.renewd.test"));
        assertThatThrownBy(() -> OrderIdentifiers.of(csr("CN=Payments Service", null)))
                .isInstanceOfSatisfying(AcmeRefusal.class, refusal -> {
                    assertThat(refusal.failed().code()).isEqualTo(AcmeErrors.REJECTED);
                    assertThat(refusal.failed().retryable()).isFalse();
                });
    }

    @Test
    void emailsAndUpnsCannotBeCertifiedByAnAcmeCa() {
        byte[] csr = csr("CN=www.renewd.test", new SubjectAlternativeNames(List.of("www.renewd.test"), List.of("pki@renewd.test"), null, null));

        assertThatThrownBy(() -> OrderIdentifiers.of(csr)).isInstanceOfSatisfying(AcmeRefusal.class,
                refusal -> assertThat(refusal.failed().code()).isEqualTo(AcmeErrors.REJECTED));
    }

    @Test
    void anUnreadableCsrIsRejected() {
        assertThatThrownBy(() -> OrderIdentifiers.of(new byte[]{0x30, 0x03, 0x02, 0x01, 0x00}))
                .isInstanceOfSatisfying(AcmeRefusal.class, refusal -> assertThat(refusal.failed().code()).isEqualTo(AcmeErrors.REJECTED));
    }

    private static byte[] csr(String subject, SubjectAlternativeNames sans) {
        Instant now = Instant.now();
        var template = new CertificateTemplate(subject, sans, Set.of(), List.of(), now, now.plus(Duration.ofDays(30)), false, null);
        return Csrs.create(KeyPairs.generate(new KeySpec.Ec(Curve.P_256)), template).der();
    }
}
