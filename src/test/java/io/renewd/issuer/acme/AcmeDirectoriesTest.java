package io.renewd.issuer.acme;

import io.renewd.domain.acme.AcmeCa;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.URI;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AcmeDirectoriesTest {

    @Test
    void theOperatorsDirectoryReplacesTheCasPublicOneForThatProviderOnly() {
        var directories = new AcmeDirectories(Map.of("digicert", "https://one.digicert.com/mpki/api/v1/acme/v2/directory"));

        assertThat(directories.directory(AcmeCa.DIGICERT)).contains(URI.create("https://one.digicert.com/mpki/api/v1/acme/v2/directory"));
        assertThat(directories.directory(AcmeCa.GLOBALSIGN)).contains(URI.create("https://emea.acme.atlas.globalsign.com/directory"));
        assertThat(directories.directory(AcmeCa.ANY)).isEmpty();
        assertThat(new AcmeDirectories(Map.of("ZeroSSL", "https://zerossl-mirror.corp.example/dir")).directory(AcmeCa.ZEROSSL))
                .contains(URI.create("https://zerossl-mirror.corp.example/dir"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "entrust | https://acme.entrust.net/acme2/directory | 'entrust' is not the provider name of an ACME CA renewd knows (LetsEncrypt, DigiCert",
            "acme | https://acme.example.com/dir | 'acme' is not the provider name of an ACME CA",
            "digicert | http://acme.digicert.com/v2/acme/directory/ | renewd.acme.providers.digicert.directory-url 'http://acme.digicert.com/v2/acme/directory/' is not an https URL",
            "sectigo | https://exa mple.com/dir | is not an https URL"})
    void aWrongSettingStopsRenewdNamingIt(String name, String url, String message) {
        assertThatThrownBy(() -> new AcmeDirectories(Map.of(name, url))).isInstanceOf(IllegalStateException.class).hasMessageContaining(message);
    }

    @Test
    void oneProviderNamedTwiceInDifferentCaseIsRefused() {
        assertThatThrownBy(() -> new AcmeDirectories(Map.of("digicert", "https://a.example/dir", "DigiCert", "https://b.example/dir")))
                .hasMessageContaining("names DigiCert twice");
    }
}
