package io.renewd.testing;

import io.quarkus.test.junit.callback.QuarkusTestBeforeEachCallback;
import io.quarkus.test.junit.callback.QuarkusTestMethodContext;
import io.restassured.RestAssured;
import io.restassured.filter.Filter;

/**
 * Every @QuarkusTest calls the API as an administrator unless it says otherwise: a request with
 * its own {@code Authorization} header keeps it, and {@code Authorization: none}
 * ({@link TestTokens#NONE}) sends no token at all. Requests carry an api-version too ({@link ApiVersionByDefault}).
 */
public class AdminTokenByDefault implements QuarkusTestBeforeEachCallback {

    private static final Filter ADMIN_UNLESS_SAID = (request, response, context) -> {
        String given = request.getHeaders().getValue("Authorization");
        if (given == null) {
            request.header("Authorization", "Bearer " + TestTokens.admin());
        } else if (TestTokens.NONE.equals(given)) {
            request.removeHeader("Authorization");
        }
        return context.next(request, response);
    };

    @Override
    public void beforeEach(QuarkusTestMethodContext context) {
        RestAssured.replaceFiltersWith(ADMIN_UNLESS_SAID, ApiVersionByDefault.FILTER);
    }
}
