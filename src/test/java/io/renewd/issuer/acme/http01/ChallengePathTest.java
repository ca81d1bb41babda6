package io.renewd.issuer.acme.http01;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class ChallengePathTest {

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', nullValues = "NONE", textBlock = """
            /.well-known/acme-challenge/abc_DEF-123     | abc_DEF-123
            /.well-known/acme-challenge/                | NONE
            /.well-known/acme-challenge/a.b             | NONE
            /.well-known/acme-challenge/tok%20en        | NONE
            /.well-known/acme-challenge/tok/en          | NONE
            /.well-known/acme-challenge/../../vaults    | NONE
            /.well-known/acme-challenge                 | NONE
            /.WELL-KNOWN/acme-challenge/abc             | NONE
            /vaults/acme-challenge/abc                  | NONE
            /q/health                                   | NONE
            """)
    void onlyABase64urlTokenRightAfterThePrefixIsAToken(String path, String token) {
        assertThat(ChallengePath.token(path).orElse(null)).isEqualTo(token);
    }

    @ParameterizedTest(name = "{0} characters")
    @CsvSource({"128, true", "129, false"})
    void aTokenHasAtMost128Characters(int length, boolean token) {
        assertThat(ChallengePath.token(ChallengePath.PREFIX + "a".repeat(length))).isEqualTo(token
                ? java.util.Optional.of("a".repeat(length)) : java.util.Optional.empty());
    }
}
