package io.renewd.application.certificates;

import java.time.Instant;
import java.util.Map;

/** One version of a certificate as the API shows it. */
public record VersionView(String version, byte[] der, String x5t, Instant notBefore, Instant notAfter, boolean enabled,
                          Map<String, String> tags, Instant created, Instant updated) {
}
