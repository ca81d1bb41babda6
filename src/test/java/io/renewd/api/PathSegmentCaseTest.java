package io.renewd.api;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

class PathSegmentCaseTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "/vaults/Team-A/Certificates/Web, /vaults/team-a/certificates/Web",
            "/VAULTS/team-a/CERTIFICATES, /vaults/team-a/certificates",
            "/vaults/a1b/certificates/Issuers, /vaults/a1b/certificates/issuers",
            "/vaults/a1b/certificates/ISSUERS/Team-CA, /vaults/a1b/certificates/issuers/Team-CA",
            "/vaults/a1b/certificates/Contacts, /vaults/a1b/certificates/contacts",
            "/vaults/a1b/certificates/Restore, /vaults/a1b/certificates/restore",
            "/vaults/a1b/Certificates/Web/Create, /vaults/a1b/certificates/Web/create",
            "/vaults/a1b/certificates/web/Pending/MERGE, /vaults/a1b/certificates/web/pending/merge",
            "/vaults/a1b/certificates/web/POLICY, /vaults/a1b/certificates/web/policy",
            "/vaults/a1b/DeletedCertificates/Web/Recover, /vaults/a1b/deletedcertificates/Web/recover",
            "/vaults/a1b/Keys/Web/0123ABCD, /vaults/a1b/keys/Web/0123ABCD",
            "/vaults/a1b/SECRETS/Web, /vaults/a1b/secrets/Web",
            "/vaults/a1b/AccessPolicies/group/Readers, /vaults/a1b/accessPolicies/group/Readers",
            "/vaults/a1b/Reissues/Abc/Cancel, /vaults/a1b/reissues/Abc/cancel",
            // names stay as sent, even where they spell a fixed segment in another position
            "/vaults/a1b/certificates/Create, /vaults/a1b/certificates/Create",
            "/vaults/a1b/certificates/Restore/create, /vaults/a1b/certificates/Restore/create",
            "/vaults/a1b/certificates/Contacts/Policy, /vaults/a1b/certificates/Contacts/policy",
            "/vaults/a1b/certificates/Policy/Versions, /vaults/a1b/certificates/Policy/versions",
            "/vaults/a1b/Nothing/Web, /vaults/a1b/Nothing/Web",
            // the vault's name as the vault spells it (here lowercase); what is no vault name stays as sent
            "/vaults/Team-A, /vaults/team-a",
            "/vaults/TEAM-A/certificates/Web, /vaults/team-a/certificates/Web",
            "/vaults/Team_A/Certificates, /vaults/Team_A/certificates",
    })
    void spellsFixedSegmentsAsTheRoutesDoAndLeavesNamesAsSent(String sent, String matched) {
        assertThat(PathSegmentCase.canonical(sent, name -> name.toLowerCase(Locale.ROOT))).isEqualTo(matched);
    }
}
