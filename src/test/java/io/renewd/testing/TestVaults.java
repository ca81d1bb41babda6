package io.renewd.testing;

import io.restassured.http.ContentType;

import java.util.UUID;

import static io.restassured.RestAssured.given;

/** Fresh vaults for tests, so tests sharing one database never see each other's certificates. */
public final class TestVaults {

    private TestVaults() {
    }

    public static String newName() {
        return "v" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    /** Creates a vault through the API and returns its name. */
    public static String create() {
        String name = newName();
        given().contentType(ContentType.JSON).put("/vaults/{v}", name).then().statusCode(201);
        return name;
    }

    /** Sets {@code email} as the only contact of {@code vault} (mails of its certificates go there). */
    public static void setContact(String vault, String email) {
        given().contentType(ContentType.JSON).body("{\"contacts\": [{\"email\": \"" + email + "\"}]}")
                .put("/vaults/{v}/certificates/contacts", vault).then().statusCode(200);
    }

    /** A new vault and the one contact its certificates' mails go to ({@code <prefix>-<vault>@example.com}). */
    public record WithContact(String vault, String contact) {
    }

    public static WithContact createWithContact(String prefix) {
        String vault = create();
        String contact = prefix + "-" + vault + "@example.com";
        setContact(vault, contact);
        return new WithContact(vault, contact);
    }
}
