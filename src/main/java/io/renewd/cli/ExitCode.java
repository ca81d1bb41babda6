package io.renewd.cli;

/** What renewctl's exit status says happened; {@code renewctl --help} and README list them. */
public enum ExitCode {
    OK(0, "ok"),
    USAGE(2, "usage error (unknown command or option, missing argument)"),
    NOT_AUTHENTICATED(3, "not authenticated (no token, or renewd answered 401)"),
    FORBIDDEN(4, "forbidden (403: the token lacks a permission in the vault)"),
    NOT_FOUND(5, "not found (404)"),
    REJECTED(6, "conflict or bad request (any other 4xx)"),
    SERVER_OR_NETWORK(7, "server or network error (5xx, no answer, TLS), or a pending operation that failed or did not end in time");

    private final int status;
    private final String meaning;

    ExitCode(int status, String meaning) {
        this.status = status;
        this.meaning = meaning;
    }

    public int status() {
        return status;
    }

    public String meaning() {
        return meaning;
    }

    /** The exit code for an HTTP answer that was not a success ({@code 0}: there was no answer at all). */
    public static ExitCode forHttpStatus(int httpStatus) {
        return switch (httpStatus) {
            case 401 -> NOT_AUTHENTICATED;
            case 403 -> FORBIDDEN;
            case 404 -> NOT_FOUND;
            default -> httpStatus >= 400 && httpStatus < 500 ? REJECTED : SERVER_OR_NETWORK;
        };
    }
}
