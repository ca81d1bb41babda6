package io.renewd.web;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.List;

/** The web inventory signed in through the real Keycloak ({@link WebSignInResource}). */
public class WebInventoryProfile implements QuarkusTestProfile {

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(WebSignInResource.class));
    }
}
