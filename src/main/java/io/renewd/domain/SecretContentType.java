package io.renewd.domain;

import java.util.Arrays;
import java.util.Optional;

/** The format of the addressable secret: PFX (base64) or PEM. */
public enum SecretContentType {
    PKCS12("application/x-pkcs12"),
    PEM("application/x-pem-file");

    private final String mediaType;

    SecretContentType(String mediaType) {
        this.mediaType = mediaType;
    }

    public String mediaType() {
        return mediaType;
    }

    public static Optional<SecretContentType> fromMediaType(String mediaType) {
        return Arrays.stream(values()).filter(t -> t.mediaType.equalsIgnoreCase(mediaType)).findFirst();
    }
}
