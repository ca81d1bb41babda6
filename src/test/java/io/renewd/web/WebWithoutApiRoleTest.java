package io.renewd.web;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.htmlunit.Page;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A process without the {@code api} role serves no web inventory either: a person who signs in gets what
 * {@link io.renewd.api.ApiRoleFilter} answers every request there (503), and no page.
 */
@QuarkusTest
@TestProfile(WebWithoutApiRoleTest.WithoutApiRole.class)
class WebWithoutApiRoleTest {

    public static class WithoutApiRole extends WebInventoryProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("renewd.roles", "scheduler,relay,notifier,renewer");
        }
    }

    @Test
    void aSignedInPersonGetsTheApiRolesAnswerNotAPage() throws Exception {
        WebFixture.Person kim = WebFixture.newPerson("kim");
        try (WebBrowser browser = new WebBrowser()) {
            Page landed = browser.signInTo(kim.username(), "/ui/certificates");
            assertThat(landed.getUrl().toString()).isEqualTo(WebBrowser.origin() + "/ui/certificates");
            assertThat(landed.getWebResponse().getStatusCode()).isEqualTo(503);
            assertThat(landed.getWebResponse().getContentAsString()).contains("ServiceUnavailable", "does not serve the API (renewd.roles)")
                    .doesNotContain("certificates-table");
            assertThat(browser.fetch("/ui").getWebResponse().getStatusCode()).isEqualTo(503);
        }
    }
}
