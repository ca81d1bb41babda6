package io.renewd.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.InvalidDefinitionException;
import io.renewd.application.Failure;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;

import java.io.IOException;

/**
 * Turns a request body Jackson cannot read into a 400 whose message names the member and the
 * problem (see {@link JsonProblems}) right where it is read. Jackson's own exceptions quote the
 * input ({@code from String value ('…')}, {@code Unrecognized token '…'}), which may be a password
 * or a key, and Quarkus REST logs the reader's exception (at DEBUG): none of them leaves here.
 */
@Provider
public class SanitizedJsonErrors implements ReaderInterceptor {

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        try {
            return context.proceed();
        } catch (InvalidDefinitionException e) {
            throw e; // a request type Jackson cannot build: renewd's fault, answered as such by ErrorMappers
        } catch (JsonProcessingException e) {
            throw Failure.badParameter(JsonProblems.describe(e));
        } catch (WebApplicationException e) {
            if (e.getCause() instanceof JsonProcessingException json && !(json instanceof InvalidDefinitionException)) {
                throw Failure.badParameter(JsonProblems.describe(json));
            }
            throw e;
        }
    }
}
