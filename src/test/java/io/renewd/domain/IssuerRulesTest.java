package io.renewd.domain;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.URI;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class IssuerRulesTest {

    private static final String DIRECTORY = "https://acme.example.com/directory";

    static Stream<Arguments> brokenRules() {
        return Stream.of(
                arguments("bad name", "my issuer", acme(DIRECTORY, null), "issuer name 'my issuer' is not valid"),
                arguments("reserved Self", "self", acme(DIRECTORY, null), "is reserved"),
                arguments("reserved Unknown", "Unknown", acme(DIRECTORY, null), "is reserved"),
                arguments("no provider", "le", new IssuerDraft(null, DIRECTORY, null, null, null, null, null), "provider is required"),
                arguments("other provider", "dc", new IssuerDraft("DigiCert", null, null, null, null, null, null), "provider 'DigiCert' is not supported"),
                arguments("acme without directory", "le", acme(null, null), "acme.directory_url is required"),
                arguments("acme over http", "le", acme("http://acme.example.com/dir", null), "must be an https URL"),
                arguments("acme not a URL", "le", acme("https://exa mple", null), "is not a URL"),
                arguments("acme bad contact", "le", new IssuerDraft("acme", DIRECTORY, "nobody", null, null, null, null), "acme.contact 'nobody'"),
                arguments("half credentials", "le", acme(DIRECTORY, new IssuerCredentials("kid-1", null)), "both account_id and pwd"),
                arguments("HMAC not base64url", "le", acme(DIRECTORY, new IssuerCredentials("kid-1", "not base64!")), "base64url"),
                arguments("ca bad certificate name", "int", new IssuerDraft("ca", null, null, "a/b", null, null, null), "is not a certificate name"),
                arguments("allow_ca without a path length", "int", caDraft(true, null), "ca.max_path_length is required with ca.allow_ca true"),
                arguments("a path length without allow_ca", "int", caDraft(null, 0), "only for an issuer that may sign CA certificates"),
                arguments("a negative path length", "int", caDraft(true, -1), "ca.max_path_length -1 is out of range"),
                arguments("a path length too deep", "int", caDraft(true, 9), "ca.max_path_length 9 is out of range: 0 to 8"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenRules")
    void eachBrokenRuleIsNamed(String rule, String name, IssuerDraft draft, String message) {
        var result = IssuerRules.check(name, draft);

        assertThat(result).isInstanceOf(IssuerRules.Result.Invalid.class);
        assertThat(((IssuerRules.Result.Invalid) result).violation().message()).contains(message);
    }

    @Test
    void acmeWithExternalAccountBinding() {
        var result = IssuerRules.check("zerossl", new IssuerDraft("ACME", DIRECTORY, "mailto:pki@example.com", null,
                new IssuerCredentials("kid-1", "zWNDZM6eQGHWpSRTPal5eIUYFTu7EajVIoguysqZ9wG44nMEtx3MUAsUDkMTQ12W"), null, null));

        assertThat(result).isEqualTo(new IssuerRules.Result.Valid(new IssuerProvider.Acme(URI.create(DIRECTORY), "mailto:pki@example.com")));
    }

    @Test
    void internalCaThatMaySignCas() {
        assertThat(IssuerRules.check("internal", caDraft(true, 0)))
                .isEqualTo(new IssuerRules.Result.Valid(new IssuerProvider.InternalCa("root-ca", true, 0)));
        assertThat(IssuerRules.check("internal", caDraft(false, null)))
                .isEqualTo(new IssuerRules.Result.Valid(new IssuerProvider.InternalCa("root-ca")));
    }

    @Test
    void aPatchThatTurnsAllowCaOffDropsThePathLengthAndOneThatSaysNothingKeepsBoth() {
        IssuerDraft stored = caDraft(true, 1);
        IssuerDraft off = new IssuerDraft(null, null, null, null, null, null, null, false, null).over(stored);
        assertThat(off.caAllowCa()).isFalse();
        assertThat(off.caMaxPathLength()).isNull();
        IssuerDraft enabledOnly = new IssuerDraft(null, null, null, null, null, null, true).over(stored);
        assertThat(enabledOnly.caAllowCa()).isTrue();
        assertThat(enabledOnly.caMaxPathLength()).isEqualTo(1);
    }

    private static IssuerDraft caDraft(Boolean allowCa, Integer maxPathLength) {
        return new IssuerDraft("ca", null, null, "root-ca", null, null, null, allowCa, maxPathLength);
    }

    @Test
    void internalCa() {
        assertThat(IssuerRules.check("internal", new IssuerDraft("ca", null, null, "root-ca", null, null, null)))
                .isEqualTo(new IssuerRules.Result.Valid(new IssuerProvider.InternalCa("root-ca")));
    }

    @Test
    void internalCaWithoutCertificateNameSignsWithTheCertificateOfTheIssuersName() {
        assertThat(IssuerRules.check("corp-ca", new IssuerDraft("ca", null, null, null, null, null, null)))
                .isEqualTo(new IssuerRules.Result.Valid(new IssuerProvider.InternalCa("corp-ca")));
    }

    @Test
    void patchKeepsMembersNotSentAndDropsOtherProvidersSettings() {
        var current = new IssuerDraft("acme", DIRECTORY, "a@example.com", null, new IssuerCredentials("k", "c2VjcmV0"), null, true);

        var disabled = new IssuerDraft(null, null, null, null, null, null, false).over(current);
        var switched = new IssuerDraft("ca", null, null, "root-ca", null, null, null).over(current);

        assertThat(disabled).isEqualTo(new IssuerDraft("acme", DIRECTORY, "a@example.com", null, new IssuerCredentials("k", "c2VjcmV0"), null, false));
        assertThat(switched.acmeDirectoryUrl()).isNull();
        assertThat(switched.caCertificateName()).isEqualTo("root-ca");
    }

    @Test
    void credentialsNeverShowTheirSecret() {
        assertThat(new IssuerCredentials("kid-1", "super-secret-hmac").toString()).doesNotContain("super-secret-hmac");
    }

    private static IssuerDraft acme(String directory, IssuerCredentials credentials) {
        return new IssuerDraft("acme", directory, null, null, credentials, null, null);
    }
}
