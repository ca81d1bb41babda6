package io.renewd.domain.bulk;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which certificates of one vault a bulk re-issue chooses (only current, enabled, not-deleted
 * ones). Made valid by {@link ReissueSelectors#validate}; values are already normalised for matching.
 */
public sealed interface ReissueSelector {

    /** Certificates whose policy names this issuer ({@code Self} or an issuer object of the vault). */
    record Issuer(String name) implements ReissueSelector {
    }

    /** Certificates whose current version was signed by a version (any, when none is given) of this CA certificate of the vault. */
    record SignedBy(String certificate, Optional<String> version) implements ReissueSelector {
    }

    /**
     * A CA rotation cascade's choice (renewd's own, not an API selector): certificates whose current version
     * {@code previousVersion} of this CA certificate signed and whose policy names one of {@code issuers}
     * (the vault's {@code ca} issuers over that certificate with the cascade on, in lower case).
     */
    record CaRotation(String certificate, String previousVersion, List<String> issuers) implements ReissueSelector {
        public CaRotation {
            issuers = List.copyOf(issuers);
        }
    }

    /** Certificates whose current version has one of these serial numbers: lowercase hex without leading zeros. */
    record SerialNumbers(List<String> serials) implements ReissueSelector {
    }

    /** Certificates whose current version has one of these thumbprints, as {@code x5t} (SHA-1, base64url without padding). */
    record Thumbprints(List<String> x5ts) implements ReissueSelector {
    }

    /** Certificates whose current version expires before this time. */
    record ExpiringBefore(Instant time) implements ReissueSelector {
    }

    /** The selector as the API and the events show it. */
    default Map<String, Object> describe() {
        return switch (this) {
            case Issuer s -> Map.of("issuer", s.name());
            case SignedBy s -> {
                Map<String, Object> signedBy = new LinkedHashMap<>();
                signedBy.put("name", s.certificate());
                s.version().ifPresent(version -> signedBy.put("version", version));
                yield Map.of("signedBy", signedBy);
            }
            case CaRotation s -> Map.of("caRotation", Map.of("name", s.certificate(), "previousVersion", s.previousVersion(),
                    "issuers", s.issuers()));
            case SerialNumbers s -> Map.of("serialNumbers", s.serials());
            case Thumbprints s -> Map.of("thumbprints", s.x5ts());
            case ExpiringBefore s -> Map.of("expiringBefore", s.time().toString());
        };
    }
}
