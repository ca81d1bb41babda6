package io.renewd.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class ObjectIdsTest {

    @ParameterizedTest
    @CsvSource(nullValues = "null", value = {
            "https://h/vaults/v/certificates/web, web, null",
            "https://h/vaults/v/certificates/web/25efb5c962f441c188437a085bcca999, web, 25efb5c962f441c188437a085bcca999",
            "https://h:8443/vaults/certificates/certificates/web/abc, web, abc",
            "https://h/vaults/v/deletedcertificates/old, old, null",
            "https://h/vaults/v/certificates/web/pending, web, pending",
            "'', null, null"})
    void readsCertificateIds(String id, String name, String version) {
        assertThat(ObjectIds.certificateName(id)).isEqualTo(name);
        assertThat(ObjectIds.certificateVersion(id)).isEqualTo(version);
    }

    @ParameterizedTest
    @CsvSource(nullValues = "null", value = {
            "https://h/vaults/v/certificates/issuers/letsencrypt, letsencrypt",
            "https://h/vaults/v/certificates/issuers, null"})
    void readsIssuerIds(String id, String name) {
        assertThat(ObjectIds.issuerName(id)).isEqualTo(name);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"provider\": \"acme\", \"acme\": {\"directory_url\": \"https://x/dir\"}} | provider  acme\\nacme.directory_url  https://x/dir",
            "{\"sans\": {\"dns_names\": [\"a\", \"b\"]}, \"empty\": []} | sans.dns_names  a, b\\nempty  (none)",
            "{\"actions\": [{\"type\": \"AutoRenew\"}], \"gone\": null} | actions[0].type  AutoRenew"})
    void flattensNestedAnswers(String json, String rows) throws Exception {
        var flat = Flattened.rows(new ObjectMapper().readTree(json)).stream().map(e -> e.getKey() + "  " + e.getValue()).toList();
        assertThat(String.join("\n", flat)).isEqualTo(rows.replace("\\n", "\n"));
    }
}
