package io.renewd.testing;

import io.restassured.filter.Filter;
import io.restassured.specification.FilterableRequestSpecification;

/**
 * Every @QuarkusTest calls the API as a Key Vault client does, with {@code api-version} ({@link #DEFAULT}), unless the
 * request names its own; {@code api-version=none} ({@link #NONE}) sends none at all.
 */
public final class ApiVersionByDefault {

    public static final String DEFAULT = "7.6";
    public static final String NONE = "none";

    public static final Filter FILTER = (request, response, context) -> {
        Object given = request.getQueryParams().get("api-version");
        if (NONE.equals(given)) {
            request.removeQueryParam("api-version");
        } else if (given == null && !named(request)) {
            request.queryParam("api-version", DEFAULT);
        }
        return context.next(request, response);
    };

    private ApiVersionByDefault() {
    }

    /** {@code pathAndQuery} with {@link #DEFAULT} unless it names its own api-version. */
    public static String withVersion(String pathAndQuery) {
        return pathAndQuery.contains("api-version=") ? pathAndQuery
                : pathAndQuery + (pathAndQuery.contains("?") ? "&" : "?") + "api-version=" + DEFAULT;
    }

    private static boolean named(FilterableRequestSpecification request) {
        return request.getURI().contains("api-version=");
    }
}
