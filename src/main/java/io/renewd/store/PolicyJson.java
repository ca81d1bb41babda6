package io.renewd.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.renewd.domain.CertificatePolicy;
import io.renewd.domain.IssuerReference;
import io.renewd.domain.PolicyDraft;
import io.renewd.domain.PolicyValidation;
import io.renewd.domain.PolicyValidator;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Stores a policy as the JSON of its {@link PolicyDraft} (every member explicit), and reads it
 * back through the validator, so what comes out of the database is a valid policy, or {@link StoredPolicyUnreadable}.
 */
@ApplicationScoped
public class PolicyJson {

    /** Policies read lately: a renewal reads its certificate's policy several times (prepare, record, schedule). */
    private static final int RECENT = 1024;

    private final ObjectMapper mapper;
    private final Map<String, CertificatePolicy> recent = Collections.synchronizedMap(new LinkedHashMap<>(RECENT, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, CertificatePolicy> eldest) {
            return size() > RECENT;
        }
    });

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

    /** The stored policy (immutable, so one read serves every caller of the same JSON). */
    public CertificatePolicy read(String json) {
        CertificatePolicy known = recent.get(json);
        if (known != null) {
            return known;
        }
        CertificatePolicy policy = parse(json);
        recent.put(json, policy);
        return policy;
    }

    /**
     * The stored policy's members as stored, not validated (what a patch of the policy goes over); empty when the JSON cannot be
     * read at all, so a patch then has to give a whole policy.
     */
    public PolicyDraft storedDraft(String json) {
        try {
            return mapper.readValue(json, PolicyDraft.class);
        } catch (JsonProcessingException e) {
            return PolicyDraft.EMPTY;
        }
    }

    /**
     * The issuer a stored policy names, read without validating the rest: what a renewal whose policy can no longer be read
     * ({@link StoredPolicyUnreadable}) is filed under.
     */
    public Optional<String> issuerName(String json) {
        try {
            return Optional.ofNullable(mapper.readTree(json).path("issuer").path("name").textValue()).filter(name -> !name.isBlank());
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }

    private CertificatePolicy parse(String json) {
        PolicyDraft draft;
        try {
            draft = mapper.readValue(json, PolicyDraft.class);
        } catch (JsonProcessingException e) {
            throw new StoredPolicyUnreadable("the stored policy is not readable JSON: " + e.getOriginalMessage(), e);
        }
        // A stored draft names its issuer, so the default issuer is never used.
        return switch (PolicyValidator.validate(draft, IssuerReference.self())) {
            case PolicyValidation.Valid valid -> valid.policy();
            case PolicyValidation.Invalid invalid -> throw new StoredPolicyUnreadable("the stored policy is no longer valid: " + invalid.message(), null);
        };
    }
}
