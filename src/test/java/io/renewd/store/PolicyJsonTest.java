package io.renewd.store;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.renewd.domain.CertificatePolicy;
import io.renewd.domain.IssuerReference;
import io.renewd.domain.PolicyDraft;
import io.renewd.domain.PolicyValidation;
import io.renewd.domain.PolicyValidator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A stored policy reads back as it was written, however many different policies were read in between. */
class PolicyJsonTest {

    /** Configured as Quarkus configures the application's mapper (unknown members ignored, modules found). */
    private final PolicyJson json = new PolicyJson(JsonMapper.builder().findAndAddModules()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build());

    @Test
    void manyDifferentPoliciesEachReadBackAsWrittenAndAgainAfterTheOthers() {
        List<CertificatePolicy> policies = new ArrayList<>();
        List<String> stored = new ArrayList<>();
        for (int i = 0; i < 2_500; i++) {
            CertificatePolicy policy = policy("CN=host-" + i + ".example.com", 1 + i % 24);
            policies.add(policy);
            stored.add(json.write(policy));
        }
        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < policies.size(); i++) {
                assertThat(json.read(stored.get(i))).as("policy %d, round %d", i, round).isEqualTo(policies.get(i));
            }
        }
        assertThat(json.read(stored.getFirst()).x509().subject()).isEqualTo("CN=host-0.example.com");
    }

    @Test
    void aStoredPolicyThatIsNoLongerValidIsNeverReturned() {
        String invalid = json.write(policy("CN=a.example.com", 12)).replace("\"validityMonths\":12", "\"validityMonths\":0");
        assertThatThrownBy(() -> json.read(invalid)).isInstanceOf(StoredPolicyUnreadable.class).hasMessageContaining("stored policy is no longer valid");
        assertThatThrownBy(() -> json.read(invalid)).as("not remembered as valid").hasMessageContaining("stored policy is no longer valid");
        assertThatThrownBy(() -> json.read("{\"x509\": ")).isInstanceOf(StoredPolicyUnreadable.class).hasMessageContaining("not readable JSON");
    }

    /** A renewal whose policy cannot be read is filed under the issuer the JSON names, when it still names one. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "none", value = {
            "{\"issuer\": {\"name\": \"Self\"}, \"x509\": {\"validityMonths\": 0}} | Self",
            "{\"issuer\": {\"name\": \"corp-ca\"}}                                  | corp-ca",
            "{\"issuer\": {\"name\": \"\"}}                                         | none",
            "{\"issuer\": {\"name\": 7}}                                              | none",
            "{\"issuer\": \"Self\"}                                                   | none",
            "{}                                                                      | none",
            "{\"issuer\": {\"name\": ]                                               | none",
    })
    void theIssuerOfAStoredPolicyIsReadWithoutTheRest(String stored, String issuer) {
        assertThat(json.issuerName(stored)).isEqualTo(Optional.ofNullable(issuer));
    }

    private static CertificatePolicy policy(String subject, int months) {
        var draft = new PolicyDraft(null, null, new PolicyDraft.X509Draft(subject, null, null, null, months, null), null, null, null);
        return switch (PolicyValidator.validate(draft, IssuerReference.self())) {
            case PolicyValidation.Valid valid -> valid.policy();
            case PolicyValidation.Invalid invalid -> throw new IllegalStateException(invalid.message());
        };
    }
}
