package io.renewd.api;

import jakarta.ws.rs.core.UriInfo;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A Key Vault API version renewd answers ({@code ?api-version=}), oldest first: the stable versions 7.0 to 7.6 and
 * 2025-07-01, and the previews the official SDKs have sent. Each version's responses carry the members it defines:
 * {@code preserveCertOrder} exists from 7.6-preview.2 on.
 */
public enum ApiVersion {
    V7_0("7.0"),
    V7_1_PREVIEW("7.1-preview"),
    V7_1("7.1"),
    V7_2_PREVIEW("7.2-preview"),
    V7_2("7.2"),
    V7_3_PREVIEW("7.3-preview"),
    V7_3("7.3"),
    V7_4_PREVIEW_1("7.4-preview.1"),
    V7_4("7.4"),
    V7_5_PREVIEW_1("7.5-preview.1"),
    V7_5("7.5"),
    V7_6_PREVIEW_1("7.6-preview.1"),
    V7_6_PREVIEW_2("7.6-preview.2"),
    V7_6("7.6"),
    V2025_06_01_PREVIEW("2025-06-01-preview"),
    V2025_07_01("2025-07-01"),
    V2026_01_01_PREVIEW("2026-01-01-preview");

    /** The newest stable version: what an error suggests, and how renewd's own routes (which need none) answer. */
    public static final ApiVersion LATEST = V2025_07_01;

    public static final String PARAMETER = "api-version";

    private final String wire;

    ApiVersion(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    /** The version a caller names; case does not matter, as in Key Vault. */
    public static Optional<ApiVersion> parse(String text) {
        String wanted = text.toLowerCase(Locale.ROOT);
        return List.of(values()).stream().filter(v -> v.wire.equals(wanted)).findFirst();
    }

    /**
     * The version a request asked for. Key Vault routes only get here with a valid one ({@link ApiVersionFilter});
     * renewd's own routes need none and answer as the latest.
     */
    public static ApiVersion of(UriInfo uri) {
        List<String> given = uri.getQueryParameters().get(PARAMETER);
        return given == null || given.isEmpty() ? LATEST : parse(given.get(0)).orElse(LATEST);
    }

    public boolean definesPreserveCertOrder() {
        return compareTo(V7_6_PREVIEW_2) >= 0;
    }
}
