package io.renewd.domain;

import io.renewd.domain.PolicyDraft.ActionDraft;
import io.renewd.domain.PolicyDraft.IssuerDraft;
import io.renewd.domain.PolicyDraft.KeyDraft;
import io.renewd.domain.PolicyDraft.X509Draft;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class PolicyValidatorTest {

    private static final X509Draft SUBJECT_ONLY = x509("CN=www.example.com", null, null);

    static Stream<Arguments> brokenRules() {
        return Stream.of(
                arguments("percentage 0", actions(new ActionDraft(0, null, "AutoRenew")), "lifetime_percentage 0 is out of range: 1 to 99"),
                arguments("percentage 100", actions(new ActionDraft(100, null, "AutoRenew")), "lifetime_percentage 100 is out of range: 1 to 99"),
                arguments("days 0", actions(new ActionDraft(null, 0, "EmailContacts")), "days_before_expiry 0 must be at least 1"),
                arguments("days beyond months x 27", withX509(x509("CN=a", 2, null), new ActionDraft(null, 55, "EmailContacts")),
                        "days_before_expiry 55 is too large: it must be at most validity_months x 27 = 54"),
                arguments("days not shorter than exact validity", withX509(x509("CN=a", null, "P6D"), new ActionDraft(null, 6, "AutoRenew")),
                        "days_before_expiry 6 is too large: it must be shorter than the validity PT144H"),
                arguments("two triggers", actions(new ActionDraft(80, 10, "AutoRenew")), "exactly one trigger"),
                arguments("no trigger", actions(new ActionDraft(null, null, "AutoRenew")), "exactly one trigger"),
                arguments("two AutoRenew", actions(new ActionDraft(80, null, "AutoRenew"), new ActionDraft(null, 10, "AutoRenew")),
                        "only one AutoRenew action is allowed"),
                arguments("unknown action type", actions(new ActionDraft(80, null, "Renew")), "action_type 'Renew' is unknown"),
                arguments("missing action type", actions(new ActionDraft(80, null, null)), "action.action_type is required"),
                arguments("AutoRenew with Unknown", new PolicyDraft(null, null, SUBJECT_ONLY,
                        List.of(new ActionDraft(80, null, "AutoRenew")), new IssuerDraft("Unknown", null, null), null),
                        "AutoRenew is not possible with issuer Unknown"),
                arguments("RSA with crv", key(new KeyDraft("RSA", 2048, "P-256", null, null)), "key_props.crv is only for EC keys"),
                arguments("RSA 1024", key(new KeyDraft("RSA", 1024, null, null, null)), "key_size 1024 is not allowed for RSA"),
                arguments("RSA 2049", key(new KeyDraft("RSA", 2049, null, null, null)), "key_size 2049 is not allowed for RSA"),
                arguments("EC without crv", key(new KeyDraft("EC", 256, null, null, null)), "key_props.crv is required for EC keys"),
                arguments("EC unknown curve", key(new KeyDraft("EC", null, "P-256K", null, null)), "crv 'P-256K' is not supported"),
                arguments("EC size mismatch", key(new KeyDraft("EC", 384, "P-256", null, null)), "key_size 384 does not match crv P-256 (256 bits)"),
                arguments("HSM key", key(new KeyDraft("RSA-HSM", 2048, null, null, null)), "renewd has no HSM"),
                arguments("oct key", key(new KeyDraft("oct", null, null, null, null)), "kty 'oct' is not supported"),
                arguments("subject of 201 characters", x509Only(x509("CN=" + "a".repeat(198), null, null)), "is 201 characters long; at most 200"),
                arguments("subject not a DN", x509Only(x509("just text", null, null)), "is not a distinguished name"),
                arguments("neither subject nor SANs", x509Only(x509(null, null, null)), "x509_props.subject is required"),
                arguments("bad DNS name", x509Only(new X509Draft("CN=a", sans(List.of("bad_name!"), List.of(), List.of(), List.of()), null, null, null, null)),
                        "'bad_name!' is not a DNS name"),
                arguments("bad email", x509Only(new X509Draft("CN=a", sans(List.of(), List.of("nobody"), List.of(), List.of()), null, null, null, null)),
                        "'nobody' is not an email address"),
                arguments("bad UPN", x509Only(new X509Draft("CN=a", sans(List.of(), List.of(), List.of("x"), List.of()), null, null, null, null)),
                        "'x' is not a user principal name"),
                arguments("bad IP", x509Only(new X509Draft("CN=a", sans(List.of(), List.of(), List.of(), List.of("300.1.1.1")), null, null, null, null)),
                        "'300.1.1.1' is not an IPv4 or IPv6 address"),
                arguments("bad EKU", x509Only(new X509Draft("CN=a", null, List.of("serverAuth"), null, null, null)), "'serverAuth' is not an object identifier"),
                arguments("bad key usage", x509Only(new X509Draft("CN=a", null, null, List.of("signEverything"), null, null)), "'signEverything' is unknown"),
                arguments("validity months 0", x509Only(x509("CN=a", 0, null)), "validity_months 0 is out of range"),
                arguments("validity shorter than 5 minutes", x509Only(x509("CN=a", null, "PT4M")), "shorter than the minimum of 5 minutes"),
                arguments("validity in months notation", x509Only(x509("CN=a", null, "P1M")), "is not an ISO-8601 duration"),
                arguments("unknown content type", new PolicyDraft(null, "text/plain", SUBJECT_ONLY, null, null, null),
                        "contentType 'text/plain' is not supported"),
                arguments("issuer name with a space", new PolicyDraft(null, null, SUBJECT_ONLY, null, new IssuerDraft("my ca", null, null), null),
                        "issuer.name 'my ca' is not Self, Unknown or a valid issuer name"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenRules")
    void eachBrokenRuleIsNamed(String rule, PolicyDraft draft, String expectedMessage) {
        var result = PolicyValidator.validate(draft, IssuerReference.self());

        assertThat(result).isInstanceOf(PolicyValidation.Invalid.class);
        assertThat(((PolicyValidation.Invalid) result).message()).contains(expectedMessage);
    }

    static Stream<Arguments> acceptedEdges() {
        return Stream.of(
                arguments("percentage 1", actions(new ActionDraft(1, null, "AutoRenew"))),
                arguments("percentage 99", actions(new ActionDraft(99, null, "AutoRenew"))),
                arguments("days exactly months x 27", withX509(x509("CN=a", 2, null), new ActionDraft(null, 54, "EmailContacts"))),
                arguments("one action of each type", actions(new ActionDraft(80, null, "AutoRenew"), new ActionDraft(null, 30, "EmailContacts"))),
                arguments("action type in other case", actions(new ActionDraft(80, null, "autoRenew"))),
                arguments("EC P-521 with its size", key(new KeyDraft("EC", 521, "P-521", null, null))),
                arguments("RSA 4096", key(new KeyDraft("RSA", 4096, null, null, null))),
                arguments("subject of 200 characters", x509Only(x509("CN=" + "a".repeat(197), null, null))),
                arguments("SANs without subject", x509Only(new X509Draft(null, sans(List.of("*.example.com"), List.of(), List.of(), List.of("::1", "10.0.0.1")), null, null, null, null))),
                arguments("validity of exactly 5 minutes", x509Only(x509("CN=a", null, "PT5M"))),
                arguments("short-lived with days inside", withX509(x509("CN=a", null, "P47D"), new ActionDraft(null, 15, "AutoRenew"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("acceptedEdges")
    void edgesInsideTheRulesAreAccepted(String edge, PolicyDraft draft) {
        assertThat(PolicyValidator.validate(draft, IssuerReference.self())).isInstanceOf(PolicyValidation.Valid.class);
    }

    @Test
    void absentMembersGetKeyVaultDefaults() {
        CertificatePolicy policy = valid(new PolicyDraft(null, null, SUBJECT_ONLY, null, null, null), IssuerReference.self());

        assertThat(policy.key()).isEqualTo(new KeyProperties(new KeySpec.Rsa(2048), true, false));
        assertThat(policy.contentType()).isEqualTo(SecretContentType.PKCS12);
        assertThat(policy.x509().validity()).isEqualTo(new Validity.Months(12));
        assertThat(policy.x509().keyUsage()).containsExactlyInAnyOrder(KeyUsage.DIGITAL_SIGNATURE, KeyUsage.KEY_ENCIPHERMENT);
        assertThat(policy.issuer().isSelf()).isTrue();
        assertThat(policy.enabled()).isTrue();
        assertThat(policy.lifetimeActions()).containsExactly(
                new LifetimeAction(new LifetimeTrigger.LifetimePercentage(80), ActionType.AUTO_RENEW));
    }

    @Test
    void unknownIssuerDefaultsToEmailingContactsAt80Percent() {
        CertificatePolicy policy = valid(new PolicyDraft(null, null, SUBJECT_ONLY, null, null, null), IssuerReference.unknown());

        assertThat(policy.issuer().isUnknown()).isTrue();
        assertThat(policy.lifetimeActions()).containsExactly(
                new LifetimeAction(new LifetimeTrigger.LifetimePercentage(80), ActionType.EMAIL_CONTACTS));
    }

    @Test
    void exactValidityWinsOverMonths() {
        CertificatePolicy policy = valid(x509Only(x509("CN=a", 12, "PT24H")), IssuerReference.self());

        assertThat(policy.x509().validity()).isEqualTo(new Validity.Exact(Duration.ofHours(24)));
    }

    @Test
    void issuerNamesSelfAndUnknownAreCanonicalised() {
        var draft = new PolicyDraft(null, null, SUBJECT_ONLY, null, new IssuerDraft("self", "OV-SSL", true), null);

        assertThat(valid(draft, IssuerReference.unknown()).issuer()).isEqualTo(new IssuerReference("Self", "OV-SSL", true));
    }

    @Test
    void patchChangesOnlyTheMembersSent() {
        CertificatePolicy current = valid(new PolicyDraft(new KeyDraft("EC", null, "P-384", false, true), "application/x-pem-file",
                new X509Draft("CN=api", sans(List.of("api.example.com"), List.of(), List.of(), List.of()), List.of("1.3.6.1.5.5.7.3.1"),
                        List.of("digitalSignature"), 6, null),
                List.of(new ActionDraft(null, 30, "EmailContacts")), new IssuerDraft("Self", null, null), true), IssuerReference.self());
        var patch = new PolicyDraft(null, null, new X509Draft(null, null, null, null, 3, null), null, null, false);

        CertificatePolicy patched = valid(patch.over(PolicyDraft.of(current)), IssuerReference.self());

        assertThat(patched.x509().validity()).isEqualTo(new Validity.Months(3));
        assertThat(patched.enabled()).isFalse();
        assertThat(patched.x509().subject()).isEqualTo("CN=api");
        assertThat(patched.x509().sans()).isEqualTo(current.x509().sans());
        assertThat(patched.key()).isEqualTo(current.key());
        assertThat(patched.contentType()).isEqualTo(SecretContentType.PEM);
        assertThat(patched.lifetimeActions()).isEqualTo(current.lifetimeActions());
        assertThat(patched.x509().keyUsage()).isEqualTo(Set.of(KeyUsage.DIGITAL_SIGNATURE));
    }

    @Test
    void patchingTheKeyTypeDoesNotInheritTheOldSizeOrCurve() {
        CertificatePolicy rsa = valid(key(new KeyDraft("RSA", 4096, null, null, null)), IssuerReference.self());

        CertificatePolicy ec = valid(key(new KeyDraft("EC", null, "P-384", null, null)).over(PolicyDraft.of(rsa)), IssuerReference.self());

        assertThat(ec.key().spec()).isEqualTo(new KeySpec.Ec(Curve.P_384));
    }

    @Test
    void aPolicyDescribedAsADraftValidatesBackToItself() {
        CertificatePolicy policy = valid(withX509(x509("CN=a", null, "PT24H"), new ActionDraft(50, null, "AutoRenew")), IssuerReference.self());

        assertThat(valid(PolicyDraft.of(policy), IssuerReference.unknown())).isEqualTo(policy);
    }

    @Test
    void everyViolationIsReportedNotJustTheFirst() {
        var draft = new PolicyDraft(new KeyDraft("RSA", 1024, null, null, null), null, x509("CN=a", 0, null), null, null, null);

        var result = (PolicyValidation.Invalid) PolicyValidator.validate(draft, IssuerReference.self());

        assertThat(result.violations()).hasSize(2).allMatch(v -> v.code().equals("BadParameter"));
    }

    private static CertificatePolicy valid(PolicyDraft draft, IssuerReference defaultIssuer) {
        var result = PolicyValidator.validate(draft, defaultIssuer);
        assertThat(result).as("%s", result).isInstanceOf(PolicyValidation.Valid.class);
        return ((PolicyValidation.Valid) result).policy();
    }

    private static X509Draft x509(String subject, Integer months, String validity) {
        return new X509Draft(subject, null, null, null, months, validity);
    }

    private static SubjectAlternativeNames sans(List<String> dns, List<String> emails, List<String> upns, List<String> ips) {
        return new SubjectAlternativeNames(dns, emails, upns, ips);
    }

    private static PolicyDraft actions(ActionDraft... actions) {
        return new PolicyDraft(null, null, SUBJECT_ONLY, List.of(actions), null, null);
    }

    private static PolicyDraft withX509(X509Draft x509, ActionDraft action) {
        return new PolicyDraft(null, null, x509, List.of(action), null, null);
    }

    private static PolicyDraft key(KeyDraft key) {
        return new PolicyDraft(key, null, SUBJECT_ONLY, null, null, null);
    }

    private static PolicyDraft x509Only(X509Draft x509) {
        return new PolicyDraft(null, null, x509, null, null, null);
    }
}
