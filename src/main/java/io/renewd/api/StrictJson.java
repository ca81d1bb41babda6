package io.renewd.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import jakarta.ws.rs.ext.ContextResolver;
import jakarta.ws.rs.ext.Provider;

/**
 * The JSON mapper of the REST API: request bodies are read strictly, as Key Vault reads them. A
 * member the request type does not define (Key Vault's members for the operation, plus renewd's
 * documented extensions) is refused, and so are values of the wrong JSON type (a string for a
 * boolean or a number, a number for a string, a fraction for an integer), duplicate members and
 * anything after the JSON value. {@link ErrorMappers} names the member in the 400 it answers.
 * <p>
 * Only the API is strict: the application's shared {@link ObjectMapper} (events, stored JSON)
 * keeps Quarkus' lenient defaults, so consumers still read events from newer producers.
 */
@Provider
public class StrictJson implements ContextResolver<ObjectMapper> {

    private final ObjectMapper strict;

    StrictJson(ObjectMapper shared) {
        this.strict = strict(shared);
    }

    static ObjectMapper strict(ObjectMapper shared) {
        ObjectMapper mapper = shared.copy()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .disable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        fail(mapper, LogicalType.Boolean, CoercionInputShape.String, CoercionInputShape.Integer, CoercionInputShape.Float);
        fail(mapper, LogicalType.Integer, CoercionInputShape.String, CoercionInputShape.Boolean, CoercionInputShape.Float);
        fail(mapper, LogicalType.Textual, CoercionInputShape.Integer, CoercionInputShape.Boolean, CoercionInputShape.Float);
        // Scalars where arrays or objects belong are wrong types too ("x5c": "MII…" instead of ["MII…"]).
        mapper.coercionConfigFor(LogicalType.Collection).setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.POJO).setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Map).setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
        return mapper;
    }

    private static void fail(ObjectMapper mapper, LogicalType type, CoercionInputShape... shapes) {
        for (CoercionInputShape shape : shapes) {
            mapper.coercionConfigFor(type).setCoercion(shape, CoercionAction.Fail);
        }
    }

    @Override
    public ObjectMapper getContext(Class<?> type) {
        return strict;
    }
}
