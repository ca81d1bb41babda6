package io.renewd.api;

import io.renewd.application.Failure;
import io.renewd.application.certificates.CertificateQueries;

/**
 * Query parameters read as Key Vault reads them: a value of the wrong type is 400 {@code BadParameter} naming the parameter
 * (JAX-RS would answer a failed conversion with 404, and read any word but "true" as false).
 */
final class QueryParameters {

    private QueryParameters() {
    }

    /** {@code maxresults} of Key Vault's lists: absent is a full page; otherwise a whole number from 1 to 25. */
    static int maxResults(String raw) {
        int value = wholeNumber("maxresults", raw, CertificateQueries.MAX_PAGE_SIZE);
        if (value < 1 || value > CertificateQueries.MAX_PAGE_SIZE) {
            throw Failure.badParameter("maxresults " + value + " is out of range: 1 to " + CertificateQueries.MAX_PAGE_SIZE);
        }
        return value;
    }

    /** A whole number, {@code absent} when not sent; its range is the caller's to check. */
    static int wholeNumber(String name, String raw, int absent) {
        if (raw == null || raw.isEmpty()) {
            return absent;
        }
        try {
            return Integer.parseInt(raw);
        } catch (NumberFormatException e) {
            throw Failure.badParameter(name + " must be a whole number");
        }
    }

    /** A boolean parameter: absent is false; otherwise true or false (in any case). */
    static boolean flag(String name, String raw) {
        if (raw == null || raw.isEmpty() || raw.equalsIgnoreCase("false")) {
            return false;
        }
        if (raw.equalsIgnoreCase("true")) {
            return true;
        }
        throw Failure.badParameter(name + " must be true or false");
    }
}
