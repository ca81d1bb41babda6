package io.renewd.domain;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

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
                arguments("other provider with acme settings", "en", new IssuerDraft("Entrust", acmeOf(DIRECTORY), null, null, null, null),
                        "provider 'Entrust' takes no acme or ca member: they belong to providers acme, LetsEncrypt, DigiCert, GlobalSign, "
                                + "Sectigo, ZeroSSL and ca"),
                arguments("other provider with ca settings", "en", new IssuerDraft("Entrust", null, new IssuerProvider.InternalCa("root-ca"),
                        null, null, null), "provider 'Entrust' takes no acme or ca member"),
                arguments("blank provider", "en", new IssuerDraft(" ", null, null, null, null, null), "provider must be 1 to 128 characters"),
                arguments("provider with a line break", "en", new IssuerDraft("Entr\nust", null, null, null, null, null),
                        "without control characters"),
                arguments("provider too long", "en", new IssuerDraft("x".repeat(129), null, null, null, null, null), "1 to 128 characters"),
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
                arguments("acme profile not a name", "le", new IssuerDraft("acme", new IssuerProvider.Acme(DIRECTORY, null, null, "short lived", null), null, null, null, null), "acme.profile 'short lived' is not a profile name"),
                arguments("half credentials", "le", acme(DIRECTORY, new IssuerCredentials("kid-1", null)), "both account_id and pwd"),
                arguments("HMAC not base64url", "le", acme(DIRECTORY, new IssuerCredentials("kid-1", "not base64!")), "base64url"),
                arguments("ca bad certificate name", "int", new IssuerDraft("ca", null, new IssuerProvider.InternalCa("a/b", null, null, null), null, null, null), "is not a certificate name"),
                arguments("allow_ca without a path length", "int", caDraft(true, null), "ca.max_path_length is required with ca.allow_ca true"),
                arguments("a path length without allow_ca", "int", caDraft(null, 0), "only for an issuer that may sign CA certificates"),
                arguments("a negative path length", "int", caDraft(true, -1), "ca.max_path_length -1 is out of range"),
                arguments("a path length too deep", "int", caDraft(true, 9), "ca.max_path_length 9 is out of range: 0 to 8"),
                arguments("a solver without method", "le", solvers(new AcmeSolver(null, null, null)), "acme.solvers[0] names no method"),
                arguments("a selector name that is no DNS name", "le", solvers(AcmeSolver.HTTP01_FOR_ALL,
                        new AcmeSolver(new AcmeSolver.Http01(), null, new AcmeSolver.Selector(List.of("a b.example.com"), null))),
                        "acme.solvers[1].selector.dns_names: 'a b.example.com' is not a DNS name"),
                arguments("a wildcard zone", "le", solvers(new AcmeSolver(new AcmeSolver.Http01(), null, new AcmeSolver.Selector(null, List.of("*.example.com")))),
                        "acme.solvers[0].selector.dns_zones: '*.example.com' is not a DNS zone"),
                arguments("a solver with both methods", "le", solvers(new AcmeSolver(new AcmeSolver.Http01(), dns01(rfc2136()), null)),
                        "acme.solvers[0] names both http01 and dns01"),
                arguments("dns01 without rfc2136", "le", solvers(dnsSolver(new AcmeSolver.Dns01(null, null, null))), "acme.solvers[0].dns01.rfc2136 is required"),
                arguments("dns01 without nameserver", "le", solvers(dnsSolver(dns01(new AcmeSolver.Rfc2136(null, null, "k", null, SECRET)))),
                        "acme.solvers[0].dns01.rfc2136.nameserver is required"),
                arguments("dns01 nameserver with a bad port", "le", solvers(dnsSolver(dns01(new AcmeSolver.Rfc2136("10.0.0.53:70000", null, "k", null, SECRET)))),
                        "acme.solvers[0].dns01.rfc2136.nameserver '10.0.0.53:70000' is not host:port"),
                arguments("dns01 nameserver not an address", "le", solvers(dnsSolver(dns01(new AcmeSolver.Rfc2136("dns server:53", null, "k", null, SECRET)))),
                        "acme.solvers[0].dns01.rfc2136.nameserver 'dns server:53' is not host:port"),
                arguments("dns01 IPv6 nameserver without brackets", "le", solvers(dnsSolver(dns01(new AcmeSolver.Rfc2136("fd00::53:53", null, "k", null, SECRET)))),
                        "is not host:port"),
                arguments("dns01 bad zone", "le", solvers(dnsSolver(dns01(new AcmeSolver.Rfc2136("10.0.0.53", "*.example.com", "k", null, SECRET)))),
                        "acme.solvers[0].dns01.rfc2136.zone '*.example.com' is not a DNS zone"),
                arguments("dns01 without key name", "le", solvers(dnsSolver(dns01(new AcmeSolver.Rfc2136("10.0.0.53", null, null, null, SECRET)))),
                        "acme.solvers[0].dns01.rfc2136.tsig_key_name is required"),
                arguments("dns01 bad key name", "le", solvers(dnsSolver(dns01(new AcmeSolver.Rfc2136("10.0.0.53", null, "my key", null, SECRET)))),
                        "acme.solvers[0].dns01.rfc2136.tsig_key_name 'my key' is not a key name"),
                arguments("dns01 unknown algorithm", "le", solvers(dnsSolver(dns01(new AcmeSolver.Rfc2136("10.0.0.53", null, "k", "hmac-md5", SECRET)))),
                        "acme.solvers[0].dns01.rfc2136.tsig_algorithm 'hmac-md5' is not supported"),
                arguments("dns01 without secret", "le", solvers(dnsSolver(dns01(new AcmeSolver.Rfc2136("10.0.0.53", null, "k", null, null)))),
                        "acme.solvers[0].dns01.rfc2136.tsig_secret is required"),
                arguments("dns01 secret not base64", "le", solvers(dnsSolver(dns01(new AcmeSolver.Rfc2136("10.0.0.53", null, "k", null, "not base64!")))),
                        "acme.solvers[0].dns01.rfc2136.tsig_secret is not base64"),
                arguments("dns01 secret too long", "le", solvers(dnsSolver(dns01(new AcmeSolver.Rfc2136("10.0.0.53", null, "k", null, "QUFB".repeat(200))))),
                        "acme.solvers[0].dns01.rfc2136.tsig_secret is not base64 of at most 512 characters"),
                arguments("dns01 empty check_nameservers", "le", solvers(dnsSolver(new AcmeSolver.Dns01(rfc2136(), List.of(), null))),
                        "acme.solvers[0].dns01.check_nameservers has 0 entries"),
                arguments("dns01 bad check_nameserver", "le", solvers(dnsSolver(new AcmeSolver.Dns01(rfc2136(), List.of("10.0.0.1:53", "ns 2"), null))),
                        "acme.solvers[0].dns01.check_nameservers: 'ns 2' is not host:port"),
                arguments("dns01 timeout not a duration", "le", solvers(dnsSolver(new AcmeSolver.Dns01(rfc2136(), null, "5 minutes"))),
                        "acme.solvers[0].dns01.propagation_timeout '5 minutes' is not an ISO-8601 duration"),
                arguments("dns01 timeout too long", "le", solvers(AcmeSolver.HTTP01_FOR_ALL, dnsSolver(new AcmeSolver.Dns01(rfc2136(), null, "PT3H"))),
                        "acme.solvers[1].dns01.propagation_timeout PT3H is out of range"),
                arguments("dns01 timeout zero", "le", solvers(dnsSolver(new AcmeSolver.Dns01(rfc2136(), null, "PT0S"))),
                        "acme.solvers[0].dns01.propagation_timeout PT0S is out of range"),
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

        assertThat(result).isEqualTo(new IssuerRules.Result.Valid(new IssuerProvider.Acme(directory, null, null, null, ca)));
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

        assertThat(sent).isEqualTo(new IssuerRules.Result.Valid(new IssuerProvider.Acme(pebble, null, null, null, AcmeCa.DIGICERT)));
        assertThat(operators).isEqualTo(new IssuerRules.Result.Valid(
                new IssuerProvider.Acme("https://digicert-mirror.corp.example/dir", null, null, null, AcmeCa.DIGICERT)));
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

    @ParameterizedTest
    @ValueSource(strings = {"Test", "Entrust", "OneCertV2-PublicCA", "Self", "acme2"})
    void anyOtherProviderIsStoredAsSentWithoutSettings(String provider) {
        assertThat(IssuerRules.check("other", new IssuerDraft(provider, null, null, EAB, "{\"id\": \"org-7\"}", true)))
                .isEqualTo(new IssuerRules.Result.Valid(new IssuerProvider.Unsupported(provider)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenRules")
    void eachBrokenRuleIsNamed(String rule, String name, IssuerDraft draft, String message) {
        var result = IssuerRules.check(name, draft);

        assertThat(result).isInstanceOf(IssuerRules.Result.Invalid.class);
        assertThat(((IssuerRules.Result.Invalid) result).violation().message()).contains(message);
    }

    @Test
    void anAcmeProfileIsKeptAndAPatchThatSendsNoneKeepsIt() {
        var withProfile = new IssuerProvider.Acme(DIRECTORY, null, null, "shortlived", null);
        assertThat(IssuerRules.check("le", new IssuerDraft("acme", withProfile, null, null, null, null)))
                .isEqualTo(new IssuerRules.Result.Valid(withProfile));
        assertThat(new IssuerProvider.Acme(null, "b@example.com", null).over(withProfile))
                .isEqualTo(new IssuerProvider.Acme(DIRECTORY, "b@example.com", null, "shortlived", null));
    }

    @Test
    void aCompleteDns01SolverIsValidAndAPatchWithoutTheSecretKeepsIt() {
        var full = new AcmeSolver(null, new AcmeSolver.Dns01(rfc2136(), List.of("10.0.0.54:53", "[fd00::53]:5353", "ns1.example.com"), "PT5M"),
                new AcmeSolver.Selector(null, List.of("team-a.example.com")));
        assertThat(IssuerRules.check("le", solvers(full))).isInstanceOf(IssuerRules.Result.Valid.class);

        var stored = solvers(full);
        var withoutSecret = new AcmeSolver(null, new AcmeSolver.Dns01(rfc2136().withSecret(null), null, "PT2M"), null);
        var patched = new IssuerDraft(null, new IssuerProvider.Acme(null, null, List.of(withoutSecret)), null, null, null, null).over(stored);
        assertThat(patched.acme().solvers().getFirst().dns01().rfc2136().tsigSecret()).isEqualTo(SECRET);
        assertThat(patched.acme().solvers().getFirst().dns01().propagationTimeout()).isEqualTo("PT2M");

        var otherKey = new AcmeSolver(null, new AcmeSolver.Dns01(new AcmeSolver.Rfc2136("10.0.0.53:53", null, "other-key", null, null), null, null), null);
        var patchedOther = new IssuerDraft(null, new IssuerProvider.Acme(null, null, List.of(otherKey)), null, null, null, null).over(stored);
        assertThat(IssuerRules.check("le", patchedOther)).isInstanceOf(IssuerRules.Result.Invalid.class);
        assertThat(full.dns01().rfc2136().toString()).doesNotContain(SECRET);
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
                .isEqualTo(new IssuerRules.Result.Valid(new IssuerProvider.InternalCa("root-ca", true, 0, IssuerProvider.Cascade.DEFAULT)));
        assertThat(IssuerRules.check("internal", caDraft(false, null)))
                .isEqualTo(new IssuerRules.Result.Valid(new IssuerProvider.InternalCa("root-ca")));
    }

    @Test
    void aPatchThatTurnsAllowCaOffDropsThePathLengthAndOneThatSaysNothingKeepsBoth() {
        IssuerDraft stored = caDraft(true, 1);
        IssuerDraft off = new IssuerDraft(null, null, new IssuerProvider.InternalCa(null, false, null, null), null, null, null).over(stored);
        assertThat(off.ca().allowCa()).isFalse();
        assertThat(off.ca().maxPathLength()).isNull();
        assertThat(off.ca().certificateName()).isEqualTo("root-ca");
        IssuerDraft enabledOnly = new IssuerDraft(null, null, null, null, null, true).over(stored);
        assertThat(enabledOnly.ca().allowCa()).isTrue();
        assertThat(enabledOnly.ca().maxPathLength()).isEqualTo(1);
    }

    @ParameterizedTest(name = "cascade {0} / {1} -> {2} {3}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            # enabled | spread  | stored enabled | stored spread (- : refused)
            -         | -       | true           | PT1H
            false     | -       | false          | PT1H
            true      | PT0S    | true           | PT0S
            -         | PT30M   | true           | PT30M
            true      | P1D     | true           | PT24H
            true      | P7D     | true           | PT168H
            true      | PT168H  | true           | PT168H
            true      | P7DT1S  | -              | -
            true      | P8D     | -              | -
            true      | -PT1M   | -              | -
            true      | 1h      | -              | -
            true      | ''      | -              | -
            true      | P1W     | -              | -
            """)
    void cascadeSettingsAreCompletedWithTheDefaultsAndTheSpreadIsAnIsoDurationUpToSevenDays(Boolean enabled, String spread,
                                                                                           Boolean storedEnabled, String storedSpread) {
        var result = IssuerRules.check("team-ca", new IssuerDraft("ca", null,
                new IssuerProvider.InternalCa("root-ca", null, null, new IssuerProvider.Cascade(enabled, spread)), null, null, null));

        if (storedSpread == null) {
            assertThat(result).isInstanceOfSatisfying(IssuerRules.Result.Invalid.class, invalid -> assertThat(invalid.violation().message())
                    .startsWith("ca.cascade.spread '" + spread + "' is not an ISO-8601 duration between PT0S and PT168H"));
        } else {
            assertThat(result).isEqualTo(new IssuerRules.Result.Valid(new IssuerProvider.InternalCa("root-ca", false, null,
                    new IssuerProvider.Cascade(storedEnabled, storedSpread))));
        }
    }

    @Test
    void aPatchOfOneCascadeMemberKeepsTheOtherAndTheRestOfTheCaSettings() {
        IssuerDraft stored = new IssuerDraft("ca", null, new IssuerProvider.InternalCa("root-ca", true, 1,
                new IssuerProvider.Cascade(true, "PT2H")), null, null, true);

        IssuerDraft off = new IssuerDraft(null, null, new IssuerProvider.InternalCa(null, null, null,
                new IssuerProvider.Cascade(false, null)), null, null, null).over(stored);
        IssuerDraft nameOnly = new IssuerDraft(null, null, new IssuerProvider.InternalCa("other-ca", null, null, null), null, null, null)
                .over(stored);

        assertThat(off.ca()).isEqualTo(new IssuerProvider.InternalCa("root-ca", true, 1, new IssuerProvider.Cascade(false, "PT2H")));
        assertThat(nameOnly.ca().cascade()).isEqualTo(new IssuerProvider.Cascade(true, "PT2H"));
    }

    @Test
    void settingsStoredBeforeTheCascadeExistedHaveItOnOverAnHour() {
        assertThat(new IssuerProvider.InternalCa("root-ca", false, null, null).effectiveCascade()).isEqualTo(new IssuerProvider.Cascade(true, "PT1H"));
        assertThat(new IssuerProvider.InternalCa("root-ca", false, null, new IssuerProvider.Cascade(false, null)).effectiveCascade())
                .isEqualTo(new IssuerProvider.Cascade(false, "PT1H"));
    }

    private static IssuerDraft caDraft(Boolean allowCa, Integer maxPathLength) {
        return new IssuerDraft("ca", null, new IssuerProvider.InternalCa("root-ca", allowCa, maxPathLength, null), null, null, null);
    }

    @Test
    void internalCa() {
        assertThat(IssuerRules.check("internal", new IssuerDraft("ca", null, new IssuerProvider.InternalCa("root-ca", null, null, null), null, null, null)))
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
        var switched = new IssuerDraft("ca", null, new IssuerProvider.InternalCa("root-ca", null, null, null), null, null, null).over(current);

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

    private static final String SECRET = "q0RvE1NlqHW5c1zzjn5Vbd7hEsOyQ4UuH0o1UtUJwhY=";

    private static AcmeSolver.Rfc2136 rfc2136() {
        return new AcmeSolver.Rfc2136("10.0.0.53:53", "team-a.example.com", "renewd-key", "hmac-sha256", SECRET);
    }

    private static AcmeSolver.Dns01 dns01(AcmeSolver.Rfc2136 rfc2136) {
        return new AcmeSolver.Dns01(rfc2136, null, null);
    }

    private static AcmeSolver dnsSolver(AcmeSolver.Dns01 dns01) {
        return new AcmeSolver(null, dns01, null);
    }

    private static IssuerDraft solvers(AcmeSolver... solvers) {
        return new IssuerDraft("acme", new IssuerProvider.Acme(DIRECTORY, null, List.of(solvers)), null, null, null, null);
    }
}
