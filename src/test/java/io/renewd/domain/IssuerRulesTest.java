package io.renewd.domain;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.renewd.domain.acme.AcmeCa;
import io.renewd.domain.acme.AcmeSolver;

import java.net.URI;
import java.util.List;
import java.util.Optional;
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
                arguments("no provider", "le", new IssuerDraft(null, acmeOf(DIRECTORY), null, null, null, null), "provider is required"),
                arguments("other provider", "en", new IssuerDraft("Entrust", null, null, null, null, null),
                        "provider 'Entrust' is not supported: use acme (any RFC 8555 CA at acme.directory_url), a Key Vault provider name "
                                + "of an ACME CA (LetsEncrypt, DigiCert, GlobalSign, Sectigo, ZeroSSL) or ca"),
                arguments("DigiCert without EAB", "dc", named("DigiCert", null, null), "provider DigiCert needs External Account Binding: "
                        + "send credentials.account_id (the EAB key id) and credentials.pwd (the EAB HMAC key, base64url)"),
                arguments("GlobalSign without EAB", "gs", named("globalsign", null, null), "provider GlobalSign needs External Account Binding"),
                arguments("Sectigo without EAB", "st", named("SECTIGO", null, null), "provider Sectigo needs External Account Binding"),
                arguments("ZeroSSL without EAB", "zs", named("ZeroSSL", null, null), "provider ZeroSSL needs External Account Binding"),
                arguments("LetsEncrypt with EAB", "le", named("LetsEncrypt", null, EAB), "provider LetsEncrypt takes no credentials"),
                arguments("DigiCert overridden over http", "dc", named("DigiCert", "http://pebble.internal/dir", EAB), "must be an https URL"),
                arguments("DigiCert with half credentials", "dc", named("DigiCert", null, new IssuerCredentials("kid-1", null)), "both account_id and pwd"),
                arguments("acme without directory", "le", acme(null, null), "acme.directory_url is required"),
                arguments("acme over http", "le", acme("http://acme.example.com/dir", null), "must be an https URL"),
                arguments("acme not a URL", "le", acme("https://exa mple", null), "is not a URL"),
                arguments("acme bad contact", "le", new IssuerDraft("acme", new IssuerProvider.Acme(DIRECTORY, "nobody", null), null, null, null, null), "acme.contact 'nobody'"),
                arguments("half credentials", "le", acme(DIRECTORY, new IssuerCredentials("kid-1", null)), "both account_id and pwd"),
                arguments("HMAC not base64url", "le", acme(DIRECTORY, new IssuerCredentials("kid-1", "not base64!")), "base64url"),
                arguments("ca bad certificate name", "int", new IssuerDraft("ca", null, new IssuerProvider.InternalCa("a/b", null, null), null, null, null), "is not a certificate name"),
                arguments("allow_ca without a path length", "int", caDraft(true, null), "ca.max_path_length is required with ca.allow_ca true"),
                arguments("a path length without allow_ca", "int", caDraft(null, 0), "only for an issuer that may sign CA certificates"),
                arguments("a negative path length", "int", caDraft(true, -1), "ca.max_path_length -1 is out of range"),
                arguments("a path length too deep", "int", caDraft(true, 9), "ca.max_path_length 9 is out of range: 0 to 8"),
                arguments("a solver without method", "le", solvers(new AcmeSolver(null, null)), "acme.solvers[0] names no method"),
                arguments("a selector name that is no DNS name", "le", solvers(AcmeSolver.HTTP01_FOR_ALL,
                        new AcmeSolver(new AcmeSolver.Http01(), new AcmeSolver.Selector(List.of("a b.example.com"), null))),
                        "acme.solvers[1].selector.dns_names: 'a b.example.com' is not a DNS name"),
                arguments("a wildcard zone", "le", solvers(new AcmeSolver(new AcmeSolver.Http01(), new AcmeSolver.Selector(null, List.of("*.example.com")))),
                        "acme.solvers[0].selector.dns_zones: '*.example.com' is not a DNS zone"),
                arguments("too many solvers", "le", solvers(java.util.Collections.nCopies(21, AcmeSolver.HTTP01_FOR_ALL).toArray(AcmeSolver[]::new)),
                        "acme.solvers has 21 entries; at most 20"));
    }

    private static final IssuerCredentials EAB = new IssuerCredentials("kid-1", "zWNDZM6eQGHWpSRTPal5eIUYFTu7EajVIoguysqZ9wG44nMEtx3MUAsUDkMTQ12W");

    /** Key Vault's provider names of ACME CAs, any case, each to its CA and that CA's public directory. */
    static Stream<Arguments> namedCas() {
        return Stream.of(
                arguments("DigiCert", EAB, AcmeCa.DIGICERT, "https://acme.digicert.com/v2/acme/directory/"),
                arguments("digicert", EAB, AcmeCa.DIGICERT, "https://acme.digicert.com/v2/acme/directory/"),
                arguments("GlobalSign", EAB, AcmeCa.GLOBALSIGN, "https://emea.acme.atlas.globalsign.com/directory"),
                arguments("Sectigo", EAB, AcmeCa.SECTIGO, "https://acme.sectigo.com/v2/DV"),
                arguments("ZEROSSL", EAB, AcmeCa.ZEROSSL, "https://acme.zerossl.com/v2/DV90"),
                arguments("LetsEncrypt", null, AcmeCa.LETS_ENCRYPT, "https://acme-v02.api.letsencrypt.org/directory"),
                arguments("letsencrypt", null, AcmeCa.LETS_ENCRYPT, "https://acme-v02.api.letsencrypt.org/directory"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("namedCas")
    void aKeyVaultProviderNameMapsToItsCasPublicDirectory(String provider, IssuerCredentials credentials, AcmeCa ca, String directory) {
        var result = IssuerRules.check("x", named(provider, null, credentials));

        assertThat(result).isEqualTo(new IssuerRules.Result.Valid(new IssuerProvider.Acme(directory, null, null, ca)));
        assertThat(AcmeCa.named(provider)).contains(ca);
        assertThat(ca.requiresEab()).isEqualTo(credentials != null);
    }

    @Test
    void aNamedCasDirectoryIsOverriddenByTheIssuerOrElseByTheOperatorsDefault() {
        String pebble = "https://127.0.0.1:14000/dir";
        var sent = IssuerRules.check("dc", named("DigiCert", pebble, EAB));
        var operators = IssuerRules.check("dc", named("DigiCert", null, EAB),
                ca -> ca == AcmeCa.DIGICERT ? Optional.of(URI.create("https://digicert-mirror.corp.example/dir")) : ca.directory());
        var sentOverOperators = IssuerRules.check("dc", named("DigiCert", pebble, EAB), ca -> Optional.of(URI.create("https://other.example/dir")));

        assertThat(sent).isEqualTo(new IssuerRules.Result.Valid(new IssuerProvider.Acme(pebble, null, null, AcmeCa.DIGICERT)));
        assertThat(operators).isEqualTo(new IssuerRules.Result.Valid(
                new IssuerProvider.Acme("https://digicert-mirror.corp.example/dir", null, null, AcmeCa.DIGICERT)));
        assertThat(sentOverOperators).isEqualTo(sent);
        assertThat(IssuerRules.check("le", acme(null, null), ca -> Optional.of(URI.create("https://other.example/dir"))))
                .as("provider acme has no default directory").isInstanceOf(IssuerRules.Result.Invalid.class);
    }

    @Test
    void providerNamesAreMatchedIgnoringCaseAndOnlyKnownOnes() {
        assertThat(AcmeCa.named("ACME")).contains(AcmeCa.ANY);
        assertThat(AcmeCa.named("globalSign")).contains(AcmeCa.GLOBALSIGN);
        assertThat(AcmeCa.named("Digi Cert")).isEmpty();
        assertThat(AcmeCa.named(null)).isEmpty();
        assertThat(AcmeCa.ANY.requiresEab()).isFalse();
        assertThat(AcmeCa.ANY.directory()).isEmpty();
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
        var result = IssuerRules.check("zerossl", new IssuerDraft("ACME", new IssuerProvider.Acme(DIRECTORY, "mailto:pki@example.com", null), null,
                new IssuerCredentials("kid-1", "zWNDZM6eQGHWpSRTPal5eIUYFTu7EajVIoguysqZ9wG44nMEtx3MUAsUDkMTQ12W"), null, null));

        assertThat(result).isEqualTo(new IssuerRules.Result.Valid(new IssuerProvider.Acme(DIRECTORY, "mailto:pki@example.com", null)));
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
        IssuerDraft off = new IssuerDraft(null, null, new IssuerProvider.InternalCa(null, false, null), null, null, null).over(stored);
        assertThat(off.ca().allowCa()).isFalse();
        assertThat(off.ca().maxPathLength()).isNull();
        assertThat(off.ca().certificateName()).isEqualTo("root-ca");
        IssuerDraft enabledOnly = new IssuerDraft(null, null, null, null, null, true).over(stored);
        assertThat(enabledOnly.ca().allowCa()).isTrue();
        assertThat(enabledOnly.ca().maxPathLength()).isEqualTo(1);
    }

    private static IssuerDraft caDraft(Boolean allowCa, Integer maxPathLength) {
        return new IssuerDraft("ca", null, new IssuerProvider.InternalCa("root-ca", allowCa, maxPathLength), null, null, null);
    }

    @Test
    void internalCa() {
        assertThat(IssuerRules.check("internal", new IssuerDraft("ca", null, new IssuerProvider.InternalCa("root-ca", null, null), null, null, null)))
                .isEqualTo(new IssuerRules.Result.Valid(new IssuerProvider.InternalCa("root-ca")));
    }

    @Test
    void internalCaWithoutCertificateNameSignsWithTheCertificateOfTheIssuersName() {
        assertThat(IssuerRules.check("corp-ca", new IssuerDraft("ca", null, null, null, null, null)))
                .isEqualTo(new IssuerRules.Result.Valid(new IssuerProvider.InternalCa("corp-ca")));
    }

    @Test
    void patchKeepsMembersNotSentAndDropsOtherProvidersSettings() {
        var solvers = List.of(AcmeSolver.HTTP01_FOR_ALL);
        var current = new IssuerDraft("acme", new IssuerProvider.Acme(DIRECTORY, "a@example.com", solvers), null,
                new IssuerCredentials("k", "c2VjcmV0"), null, true);

        var disabled = new IssuerDraft(null, null, null, null, null, false).over(current);
        var contactOnly = new IssuerDraft(null, new IssuerProvider.Acme(null, "b@example.com", null), null, null, null, null).over(current);
        var switched = new IssuerDraft("ca", null, new IssuerProvider.InternalCa("root-ca", null, null), null, null, null).over(current);

        assertThat(disabled).isEqualTo(new IssuerDraft("acme", new IssuerProvider.Acme(DIRECTORY, "a@example.com", solvers), null,
                new IssuerCredentials("k", "c2VjcmV0"), null, false));
        assertThat(contactOnly.acme()).isEqualTo(new IssuerProvider.Acme(DIRECTORY, "b@example.com", solvers));
        assertThat(switched.acme()).isNull();
        assertThat(switched.ca().certificateName()).isEqualTo("root-ca");
    }

    @Test
    void credentialsNeverShowTheirSecret() {
        assertThat(new IssuerCredentials("kid-1", "super-secret-hmac").toString()).doesNotContain("super-secret-hmac");
    }

    private static IssuerDraft named(String provider, String directory, IssuerCredentials credentials) {
        return new IssuerDraft(provider, directory == null ? null : acmeOf(directory), null, credentials, null, null);
    }

    private static IssuerDraft acme(String directory, IssuerCredentials credentials) {
        return new IssuerDraft("acme", acmeOf(directory), null, credentials, null, null);
    }

    private static IssuerProvider.Acme acmeOf(String directory) {
        return new IssuerProvider.Acme(directory, null, null);
    }

    private static IssuerDraft solvers(AcmeSolver... solvers) {
        return new IssuerDraft("acme", new IssuerProvider.Acme(DIRECTORY, null, List.of(solvers)), null, null, null, null);
    }
}
