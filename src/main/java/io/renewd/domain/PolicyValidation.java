package io.renewd.domain;

import java.util.List;

/** The outcome of validating a {@link PolicyDraft}: a policy, or every rule it broke. */
public sealed interface PolicyValidation {

    record Valid(CertificatePolicy policy) implements PolicyValidation {
    }

    record Invalid(List<Violation> violations) implements PolicyValidation {
        public Invalid {
            violations = List.copyOf(violations);
        }

        /** All messages in one line, for an error response. */
        public String message() {
            return String.join("; ", violations.stream().map(Violation::message).toList());
        }
    }
}
