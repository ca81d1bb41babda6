package io.renewd.issuer.acme;

import io.renewd.domain.IssuerProvider;
import jakarta.enterprise.context.ApplicationScoped;
import org.shredzone.acme4j.Metadata;
import org.shredzone.acme4j.exception.AcmeException;
import org.shredzone.acme4j.exception.AcmeLazyLoadingException;
import org.shredzone.acme4j.exception.AcmeProtocolException;

import java.net.URI;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Whether a CA offers the certificate profile an acme issuer asks for (draft-ietf-acme-profiles:
 * the directory's {@code meta.profiles}). Checked when the issuer is set, reading the directory
 * through the same guarded client as every order, and again before every new order.
 */
@ApplicationScoped
public class AcmeProfiles {

    private final AcmeSessions sessions;

    AcmeProfiles(AcmeSessions sessions) {
        this.sessions = sessions;
    }

    /** Why the issuer's profile cannot be used; empty when it names none or the CA lists it. */
    public Optional<String> refusal(IssuerProvider.Acme acme) {
        if (acme.profile() == null) {
            return Optional.empty();
        }
        try {
            return refusal(sessions.open(acme.directory()).getMetadata(), acme.directory(), acme.profile());
        } catch (AcmeException | AcmeLazyLoadingException | AcmeProtocolException e) {
            return Optional.of("the directory " + acme.directory() + " could not be read to check acme.profile '" + acme.profile()
                    + "': " + e.getMessage());
        } catch (RuntimeException e) {
            return Optional.of(AcmeGuardViolation.in(e).map(Throwable::getMessage).orElseThrow(() -> e));
        }
    }

    static Optional<String> refusal(Metadata metadata, URI directory, String profile) {
        if (metadata.isProfileAllowed(profile)) {
            return Optional.empty();
        }
        return Optional.of("the CA's directory " + directory + " does not list acme.profile '" + profile + "' ("
                + (metadata.isProfileAllowed() ? "it lists " + String.join(", ", new TreeSet<>(metadata.getProfiles())) : "it offers no profiles")
                + ")");
    }
}
