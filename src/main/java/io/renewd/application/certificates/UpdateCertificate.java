package io.renewd.application.certificates;

import io.renewd.application.Failure;
import io.renewd.application.schedule.ScheduleDueActions;
import io.renewd.domain.PolicyDraft;
import io.renewd.domain.security.Caller;
import io.renewd.store.CertificateEntity;
import io.renewd.store.CertificateVersionEntity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.util.Map;

/**
 * Changes a version's attributes ({@code enabled}) and tags, and with them the certificate's policy when one is sent: all of
 * one request or, when any part is refused, none of it. The certificate itself is immutable.
 */
@ApplicationScoped
public class UpdateCertificate {

    public static final int MAX_TAGS = 15;

    /** {@code version} null means the current one; absent members ({@code policy} too) stay as they are. */
    public record Command(String vault, String name, String version, PolicyDraft policy, Boolean enabled, Map<String, String> tags) {
    }

    private final CertificateQueries queries;
    private final UpdatePolicy updatePolicy;
    private final ScheduleDueActions schedule;
    private final Clock clock;

    UpdateCertificate(CertificateQueries queries, UpdatePolicy updatePolicy, ScheduleDueActions schedule, Clock clock) {
        this.queries = queries;
        this.updatePolicy = updatePolicy;
        this.schedule = schedule;
        this.clock = clock;
    }

    /** One transaction: any refusal (400, 403, 404) rolls back what the request changed before it. */
    @Transactional
    public VersionView execute(Command command, Caller caller) {
        if (command.tags() != null) {
            checkTags(command.tags());
        }
        CertificateEntity certificate = queries.live(command.vault(), command.name());
        if (command.policy() != null) {
            updatePolicy.execute(command.vault(), command.name(), command.policy(), caller);
        }
        // The policy is checked first, as PATCH …/policy checks it; an absent version's 404 then rolls it back.
        CertificateVersionEntity version = (command.version() == null || command.version().isEmpty()
                ? CertificateVersionEntity.latest(certificate.id)
                : CertificateVersionEntity.findVersion(certificate.id, command.version()))
                .orElseThrow(() -> Failure.notFound("CertificateNotFound", "certificate '" + command.name()
                        + "' has no version" + (command.version() == null ? " yet" : " '" + command.version() + "'")));
        if (command.tags() != null) {
            version.tags = Map.copyOf(command.tags());
        }
        version.updatedAt = clock.instant();
        if (command.enabled() != null && command.enabled() != version.enabled) {
            version.enabled = command.enabled();
            // A disabled current version fires nothing; enabling it again brings its actions back.
            schedule.reschedule(certificate);
        }
        return CertificateQueries.versionView(version);
    }

    /** Key Vault's tag limits: at most 15, names up to 512 characters, values up to 256. */
    public static void checkTags(Map<String, String> tags) {
        if (tags.size() > MAX_TAGS) {
            throw Failure.badParameter("at most " + MAX_TAGS + " tags are allowed, got " + tags.size());
        }
        tags.forEach((key, value) -> {
            if (key == null || key.isEmpty() || key.length() > 512) {
                throw Failure.badParameter("tag names must be 1 to 512 characters long");
            }
            if (value == null || value.length() > 256) {
                throw Failure.badParameter("tag '" + key + "' needs a value of at most 256 characters");
            }
        });
    }
}
