package io.renewd.domain.guardrails;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The wildcard semantics of allowed_dns_names: {@code *.} one label, {@code **.} one or more, exact names otherwise. */
class GuardrailDnsNamePatternTest {

    @ParameterizedTest(name = "{0} ~ {1}: {2}")
    @CsvSource(delimiter = '|', value = {
            "team-a.example.com      | team-a.example.com            | true",
            "team-a.example.com      | TEAM-A.Example.COM.           | true",
            "team-a.example.com      | api.team-a.example.com        | false",
            "team-a.example.com      | *.team-a.example.com          | false",
            "*.team-a.example.com    | api.team-a.example.com        | true",
            "*.team-a.example.com    | *.team-a.example.com          | true",
            "*.team-a.example.com    | team-a.example.com            | false",
            "*.team-a.example.com    | a.b.team-a.example.com        | false",
            "*.team-a.example.com    | *.b.team-a.example.com        | false",
            "*.team-a.example.com    | apiteam-a.example.com         | false",
            "*.team-a.example.com    | api.team-a.example.com.evil   | false",
            "**.team-a.example.com   | api.team-a.example.com        | true",
            "**.team-a.example.com   | a.b.c.team-a.example.com      | true",
            "**.team-a.example.com   | *.b.team-a.example.com        | true",
            "**.team-a.example.com   | team-a.example.com            | false",
            "**.team-a.example.com   | xteam-a.example.com           | false",
            "*.Team-A.Example.com.   | api.team-a.example.com        | true",
            "*.com                   | example.com                   | true",
            "*.com                   | www.example.com               | false"})
    void matches(String pattern, String name, boolean matches) {
        var parsed = (DnsNamePattern.Parsed.Valid) DnsNamePattern.parse(pattern);

        assertThat(parsed.pattern().matches(name)).isEqualTo(matches);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "*                       | allows every name",
            "**                      | allows every name",
            "'*.'                    | allows every name",
            "api-*.example.com       | is not a whole leftmost label",
            "a.*.example.com         | is not a whole leftmost label",
            "*.*.example.com         | is not a whole leftmost label",
            "***.example.com         | is not a whole leftmost label",
            "bad_name.example.com    | is not a DNS name",
            "-a.example.com          | is not a DNS name",
            "a..example.com          | is not a DNS name",
            "10.0.0.0/8              | is not a DNS name",
            "''                      | must not be empty"})
    void invalidPatterns(String pattern, String reason) {
        var parsed = DnsNamePattern.parse(pattern);

        assertThat(parsed).isInstanceOf(DnsNamePattern.Parsed.Invalid.class);
        assertThat(((DnsNamePattern.Parsed.Invalid) parsed).reason()).contains(reason);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "Team-A.Example.com.     | team-a.example.com",
            "*.Team-A.example.com    | *.team-a.example.com",
            "**.EXAMPLE.com          | **.example.com"})
    void patternsAreKeptInTheirNormalForm(String pattern, String normal) {
        assertThat(((DnsNamePattern.Parsed.Valid) DnsNamePattern.parse(pattern)).pattern().text()).isEqualTo(normal);
    }
}
