package io.renewd.domain;

/** How a certificate version came to be; events and the API name it. */
public enum VersionCause {
    CREATED("created"),
    IMPORTED("imported"),
    MERGED("merged"),
    RENEWED("renewed"),
    RESTORED("restored");

    private final String wireName;

    VersionCause(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static VersionCause fromWireName(String name) {
        return java.util.Arrays.stream(values()).filter(c -> c.wireName.equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown version cause " + name));
    }
}
