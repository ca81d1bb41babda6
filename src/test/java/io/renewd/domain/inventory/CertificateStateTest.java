package io.renewd.domain.inventory;

import io.renewd.domain.OperationStatus;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class CertificateStateTest {

    private static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");

    @ParameterizedTest(name = "expires in {0} days, operation {1} of {2} (error {3}, person must act {4}): {5}")
    @CsvSource(nullValues = "-", value = {
            // days left, operation, issuer, error, person must act -> state
            "30,  -,           -,       -,          false, HEALTHY",
            "30,  COMPLETED,   Self,    -,          false, HEALTHY",
            "30,  CANCELLED,   Unknown, -,          false, HEALTHY",
            "30,  IN_PROGRESS, Self,    -,          false, RENEWING",
            "-,   IN_PROGRESS, acme,    -,          false, RENEWING",
            "30,  IN_PROGRESS, acme,    RateLimit,  false, FAILING",
            "30,  FAILED,      acme,    Rejected,   false, FAILING",
            "30,  IN_PROGRESS, Unknown, -,          false, WAITING",
            "-,   IN_PROGRESS, unknown, -,          false, WAITING",
            "30,  IN_PROGRESS, acme,    Forbidden,  true,  WAITING",
            "30,  FAILED,      acme,    Forbidden,  true,  WAITING",
            "0,   -,           -,       -,          false, EXPIRED",
            "-1,  IN_PROGRESS, Unknown, -,          false, EXPIRED",
            "-1,  FAILED,      acme,    Rejected,   true,  EXPIRED",
    })
    void theFirstStateThatAppliesIsTheCertificatesState(Integer daysLeft, OperationStatus status, String issuer, String error,
                                                        boolean personMustAct, CertificateState expected) {
        Instant notAfter = daysLeft == null ? null : NOW.plus(Duration.ofDays(daysLeft));
        CertificateState.Operation operation = status == null ? null : new CertificateState.Operation(status, issuer, error, personMustAct);
        assertThat(CertificateState.of(notAfter, operation, NOW)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"healthy, HEALTHY", "renewing, RENEWING", "failing, FAILING", "waiting, WAITING", "expired, EXPIRED"})
    void eachStateHasAKeyForLinksAndForms(String key, CertificateState state) {
        assertThat(CertificateState.fromKey(key)).contains(state);
        assertThat(state.key()).isEqualTo(key);
    }
}
