package io.renewd.api;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Messages for request bodies that are not the JSON an operation takes: they name the member
 * ({@code policy.x509_props.sans.dns_names[0]}) and what was expected, and never repeat the
 * values sent, which may be passwords or keys. Jackson's own messages name Java classes and quote
 * the offending input.
 */
final class JsonProblems {

    private static final Pattern DUPLICATE = Pattern.compile("^Duplicate (?:field|Object property) '(.*)'");
    /** Quoted input in a parser message: kept only when it is at most a few characters (the character that broke the parse). */
    private static final Pattern QUOTED = Pattern.compile("'[^']{4,}'|\\\"[^\\\"]{4,}\\\"");
    private static final int MAX_NAME = 64;

    private JsonProblems() {
    }

    /** Every message starts so; what follows names the problem. */
    static final String PREFIX = "the request body is not valid JSON for this operation: ";

    static String describe(JsonProcessingException e) {
        return PREFIX + detail(e);
    }

    private static String detail(JsonProcessingException e) {
        if (e instanceof JsonMappingException mapping && mapping.getCause() instanceof JsonProcessingException parse
                && !(parse instanceof JsonMappingException)) {
            // A parse error met while binding a member: Jackson wraps it with the member's path.
            return describe(parse, mapping.getPath().isEmpty() ? "" : " in member '" + path(mapping.getPath()) + "'");
        }
        return describe(e, "");
    }

    private static String describe(JsonProcessingException e, String member) {
        if (Objects.requireNonNullElse(e.getOriginalMessage(), "").startsWith("Trailing token")) {
            return "something follows the JSON value" + where(e.getLocation());
        }
        return switch (e) {
            case UnrecognizedPropertyException unknown -> unknownMember(unknown);
            case MismatchedInputException mismatch -> wrongType(mismatch);
            case JsonMappingException mapping when !mapping.getPath().isEmpty() -> "member '" + path(mapping.getPath()) + "' is invalid";
            case InputCoercionException coercion -> "a number is out of range" + member + where(coercion.getLocation());
            default -> malformed(e, member);
        };
    }

    private static String unknownMember(UnrecognizedPropertyException e) {
        String known = known(e.getKnownPropertyIds());
        return "unknown member '" + path(e.getPath()) + "': the operation does not define it"
                + (known.isEmpty() ? "" : " (the members here are " + known + ")");
    }

    private static String wrongType(MismatchedInputException e) {
        if (e.getPath().isEmpty()) {
            return "the body must be " + expected(e.getTargetType());
        }
        return "member '" + path(e.getPath()) + "' must be " + expected(e.getTargetType());
    }

    private static String malformed(JsonProcessingException e, String member) {
        String original = Objects.requireNonNullElse(e.getOriginalMessage(), "");
        Matcher duplicate = DUPLICATE.matcher(original);
        if (duplicate.find()) {
            return "member '" + name(duplicate.group(1)) + "' appears more than once" + where(e.getLocation());
        }
        String reason;
        if (original.startsWith("Unrecognized token")) {
            reason = "a value is not JSON (text must be in double quotes)";
        } else if (original.startsWith("Unexpected end-of-input")) {
            reason = "it ends before the JSON value does";
        } else {
            String firstLine = original.lines().findFirst().orElse("");
            reason = QUOTED.matcher(firstLine).replaceAll("'…'");
            reason = reason.length() > 160 ? reason.substring(0, 160) + "…" : reason;
        }
        return reason + member + where(e.getLocation());
    }

    private static String where(JsonLocation location) {
        return location == null || location.getLineNr() < 0 ? "" : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }

    /** {@code policy.lifetime_actions[0].trigger}: JSON member names and array indexes. */
    static String path(List<JsonMappingException.Reference> references) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : references) {
            if (reference.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(name(reference.getFieldName()));
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String known(Collection<Object> ids) {
        if (ids == null) {
            return "";
        }
        return ids.stream().map(String::valueOf).sorted().collect(Collectors.joining(", "));
    }

    /** A member name from the request, fit for a message. */
    private static String name(String name) {
        String clean = name.codePoints().map(c -> Character.isISOControl(c) ? '?' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return clean.length() > MAX_NAME ? clean.substring(0, MAX_NAME) + "…" : clean;
    }

    private static String expected(Class<?> type) {
        if (type == null) {
            return "of another JSON type";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class || type == Short.class
                || type == short.class) {
            return "an integer";
        }
        if (Number.class.isAssignableFrom(type) || type == double.class || type == float.class) {
            return "a number";
        }
        if (CharSequence.class.isAssignableFrom(type)) {
            return "a string";
        }
        if (type.isArray() || Collection.class.isAssignableFrom(type)) {
            return "an array";
        }
        if (JsonNode.class.isAssignableFrom(type)) {
            return "JSON";
        }
        // Records and maps (tags): JSON objects.
        return Map.class.isAssignableFrom(type) ? "an object (of string values)" : "an object";
    }
}
