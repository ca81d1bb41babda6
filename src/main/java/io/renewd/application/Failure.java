package io.renewd.application;

/**
 * A request renewd refuses, with Key Vault's error code and a message naming the problem.
 * The API turns the kind into an HTTP status; nothing was changed when one is thrown.
 */
public final class Failure extends RuntimeException {

    public enum Kind { BAD_REQUEST, NOT_FOUND, CONFLICT, FORBIDDEN }

    private final Kind kind;
    private final String code;

    public Failure(Kind kind, String code, String message) {
        super(message, null, false, false);
        this.kind = kind;
        this.code = code;
    }

    public static Failure badParameter(String message) {
        return new Failure(Kind.BAD_REQUEST, "BadParameter", message);
    }

    public static Failure notFound(String code, String message) {
        return new Failure(Kind.NOT_FOUND, code, message);
    }

    public static Failure conflict(String code, String message) {
        return new Failure(Kind.CONFLICT, code, message);
    }

    public Kind kind() {
        return kind;
    }

    public String code() {
        return code;
    }
}
