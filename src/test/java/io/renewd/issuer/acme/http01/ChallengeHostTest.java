package io.renewd.issuer.acme.http01;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class ChallengeHostTest {

    @ParameterizedTest(name = "Host {0} for {1}: {2}")
    @CsvSource(delimiter = '|', textBlock = """
            www.renewd.test        | www.renewd.test | true
            WWW.Renewd.TEST        | www.renewd.test | true
            www.renewd.test:80     | www.renewd.test | true
            www.renewd.test.       | www.renewd.test | true
            other.renewd.test      | www.renewd.test | false
            renewd.test            | www.renewd.test | false
            www.renewd.test.evil   | www.renewd.test | false
            ''                     | www.renewd.test | false
            192.0.2.10             | 192.0.2.10      | true
            192.0.2.10:80          | 192.0.2.10      | true
            192.0.2.11             | 192.0.2.10      | false
            [2001:db8::1]:80       | 2001:db8::1     | true
            [2001:db8:0:0::1]      | 2001:db8::1     | true
            2001:db8::1            | 2001:db8::1     | true
            www.renewd.test        | 192.0.2.10      | false
            """)
    void aTokenIsAnsweredOnlyForItsOwnName(String host, String identifier, boolean matches) {
        assertThat(ChallengeHost.matches(host, identifier)).isEqualTo(matches);
    }
}
