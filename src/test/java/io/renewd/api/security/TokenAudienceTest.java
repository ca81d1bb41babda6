package io.renewd.api.security;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** When a process may start with the token audience it was given. */
class TokenAudienceTest {

    @ParameterizedTest(name = "api {0}, audience [{1}], allow-any {2} -> {3}")
    @CsvSource(delimiter = '|', value = {
            "true  | renewd          | false | ENFORCED",
            "true  | renewd          | true  | ENFORCED",
            "true  | a;b             | false | ENFORCED",
            "true  |                 | false | MISSING",
            "true  | ' '             | false | MISSING",
            "true  |                 | true  | ANY_AUDIENCE_ALLOWED",
            "false |                 | false | ENFORCED"})
    void anApiProcessNeedsAnAudienceOrTheExplicitOptOut(boolean servesApi, String audience, boolean allowAny, TokenAudience.Check expected) {
        List<String> audiences = audience == null ? List.of() : Arrays.asList(audience.split(";"));
        assertThat(TokenAudience.check(servesApi, audiences, allowAny)).isEqualTo(expected);
    }
}
