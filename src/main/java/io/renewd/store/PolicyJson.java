package io.renewd.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.renewd.domain.CertificatePolicy;
import io.renewd.domain.IssuerReference;
import io.renewd.domain.PolicyDraft;
import io.renewd.domain.PolicyValidation;
import io.renewd.domain.PolicyValidator;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Stores a policy as the JSON of its {@link PolicyDraft} (every member explicit), and reads it
 * back through the validator, so what comes out of the database is a valid policy.
 */
@ApplicationScoped
public class PolicyJson {

    private final ObjectMapper mapper;

    PolicyJson(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public String write(CertificatePolicy policy) {
        try {
            return mapper.writeValueAsString(PolicyDraft.of(policy));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("policy could not be written as JSON", e);
        }
    }

    public CertificatePolicy read(String json) {
        PolicyDraft draft;
        try {
            draft = mapper.readValue(json, PolicyDraft.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored policy is not readable JSON", e);
        }
        // A stored draft names its issuer, so the default issuer is never used.
        return switch (PolicyValidator.validate(draft, IssuerReference.self())) {
            case PolicyValidation.Valid valid -> valid.policy();
            case PolicyValidation.Invalid invalid -> throw new IllegalStateException("stored policy is no longer valid: " + invalid.message());
        };
    }
}
