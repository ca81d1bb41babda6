package io.renewd.domain.acme;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The operator's name map ({@link AcmeNameMap}) with renewd's own names ({@link RenewdNames}). */
class AcmeNameMapRulesTest {

    private static final RenewdNames RENEWD = RenewdNames.of(List.of("renewd.example.com", "*.api.example.com", "192.0.2.7"),
            Optional.of("vault.example.com"));
    private static final AcmeNameMap MAP = AcmeNameMap.parse(Map.of(
            "team-a", List.of("team-a.example.com", "**.team-a.example.com", "198.51.100.10"),
            "team-b", List.of("team-b.example.com", "*.team-b.example.com")), false, RENEWD);

    @ParameterizedTest(name = "{0} asks for {1}: {2}")
    @CsvSource(delimiter = '|', textBlock = """
            team-a  | team-a.example.com         | true
            team-a  | api.team-a.example.com     | true
            team-a  | a.b.team-a.example.com     | true
            team-a  | *.team-a.example.com       | true
            team-a  | *.x.team-a.example.com     | true
            team-a  | TEAM-A.Example.COM.        | true
            team-a  | 198.51.100.10              | true
            team-a  | 198.51.100.11              | false
            team-a  | team-b.example.com         | false
            team-a  | evilteam-a.example.com     | false
            team-a  | example.com                | false
            team-b  | api.team-b.example.com     | true
            team-b  | a.b.team-b.example.com     | false
            team-b  | *.team-b.example.com       | true
            team-b  | *.x.team-b.example.com     | false
            team-b  | team-a.example.com         | false
            other   | shop.example.com           | false
            """)
    void theMapDecidesPerVault(String vault, String name, boolean allowed) {
        assertThat(MAP.refusal(vault, List.of(name)).isEmpty()).isEqualTo(allowed);
    }

    /** Vault names are case-insensitive: an entry written for {@code Team-C} is vault team-c's, not a vault the map leaves out. */
    @Test
    void anEntryHoldsForTheVaultWhateverTheCaseOfEither() {
        var map = AcmeNameMap.parse(Map.of("Team-C", List.of("team-c.example.com")), true, RENEWD);

        for (String vault : List.of("team-c", "TEAM-C", "Team-C")) {
            assertThat(map.refusal(vault, List.of("team-c.example.com"))).as(vault).isEmpty();
            assertThat(map.refusal(vault, List.of("shop.example.com"))).as(vault).isPresent();
        }
    }

    @Test
    void aRefusalNamesTheNamesAndTheRule() {
        assertThat(MAP.refusal("team-b", List.of("team-b.example.com", "team-a.example.com")))
                .hasValueSatisfying(why -> assertThat(why).contains("'team-a.example.com'", "renewd.acme.names.\"team-b\"",
                        "*.team-b.example.com").doesNotContain("'team-b.example.com'"));
        assertThat(MAP.refusal("other", List.of("shop.example.com")))
                .hasValueSatisfying(why -> assertThat(why).contains("renewd.acme.names-default is none"));
    }

    @Test
    void unlistedVaultsMayOrderAnyNameWhenTheDefaultSaysSoButNeverRenewdsOwn() {
        var any = AcmeNameMap.parse(Map.of(), true, RENEWD);

        assertThat(any.refusal("other", List.of("shop.example.com", "10.1.2.3"))).isEmpty();
        assertThat(any.refusal("other", List.of("renewd.example.com"))).hasValueSatisfying(why -> assertThat(why).contains("renewd's own"));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            renewd.example.com       | true
            RENEWD.example.com.      | true
            *.example.com            | true
            www.renewd.example.com   | false
            x.api.example.com        | true
            *.api.example.com        | true
            a.x.api.example.com      | false
            api.example.com          | false
            team-a.vault.example.com | true
            a.b.vault.example.com    | true
            *.vault.example.com      | true
            vault.example.com        | false
            192.0.2.7                | true
            192.0.2.8                | false
            """)
    void renewdsOwnNamesAreNeverAllowedEvenWhenTheMapListsThem(String name, boolean renewds) {
        var generous = AcmeNameMap.parse(Map.of("team-a", List.of("**.example.com", "example.com", "192.0.2.7", "192.0.2.8")), false, RENEWD);

        assertThat(RENEWD.covers(name)).isEqualTo(renewds);
        assertThat(generous.refusal("team-a", List.of(name)).isPresent()).isEqualTo(renewds);
    }

    @Test
    void aMalformedEntryStopsRenewdWithTheVaultAndEntry() {
        assertThatThrownBy(() -> AcmeNameMap.parse(Map.of("team-a", List.of("team-a.example.com", "api-*.example.com")), false, RENEWD))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("renewd.acme.names.\"team-a\"").hasMessageContaining("api-*");
    }
}
