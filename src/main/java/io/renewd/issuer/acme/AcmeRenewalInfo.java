package io.renewd.issuer.acme;

import io.renewd.domain.IssuerProvider;
import io.renewd.domain.schedule.RenewalWindow;
import jakarta.enterprise.context.ApplicationScoped;
import org.shredzone.acme4j.Login;
import org.shredzone.acme4j.RenewalInfo;
import org.shredzone.acme4j.Session;
import org.shredzone.acme4j.connector.Resource;
import org.shredzone.acme4j.exception.AcmeException;
import org.shredzone.acme4j.exception.AcmeLazyLoadingException;
import org.shredzone.acme4j.exception.AcmeProtocolException;
import org.shredzone.acme4j.toolbox.AcmeUtils;

import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Fetches a certificate's renewal information (RFC 9773) from the CA that issued it, through the
 * same guarded client as every order, logged in as the issuer's stored account.
 */
@ApplicationScoped
public class AcmeRenewalInfo {

    /** What the CA answered. */
    public sealed interface Answer {
    }

    /** The suggested window; {@code retryAfter}: the CA's Retry-After, counted from now. */
    public record Suggested(RenewalWindow window, Optional<String> explanationUrl, Optional<Duration> retryAfter) implements Answer {
    }

    /** The CA's directory has no renewalInfo resource. */
    public record NotOffered() implements Answer {
    }

    /** The information could not be had now (CA unreachable, no account, malformed answer); {@code why} for people. */
    public record Failed(String why) implements Answer {
    }

    private final AcmeSessions sessions;
    private final AcmeAccounts accounts;

    AcmeRenewalInfo(AcmeSessions sessions, AcmeAccounts accounts) {
        this.sessions = sessions;
        this.accounts = accounts;
    }

    /** RFC 9773 certID of a certificate: base64url(authority key identifier) "." base64url(serial number). */
    public static String certId(X509Certificate certificate) {
        return AcmeUtils.getRenewalUniqueIdentifier(certificate);
    }

    /** {@code certId}: the certificate's {@link #certId(X509Certificate)}. */
    public Answer fetch(String vault, String issuer, IssuerProvider.Acme acme, String certId) {
        try {
            Session session = sessions.open(acme.directory());
            Optional<URL> resource = session.resourceUrlOptional(Resource.RENEWAL_INFO);
            if (resource.isEmpty()) {
                return new NotOffered();
            }
            Optional<Login> login = accounts.stored(session, vault, issuer, acme.directoryUrl());
            if (login.isEmpty()) {
                return new Failed("renewd has no ACME account of issuer '" + issuer + "' at " + acme.directoryUrl());
            }
            String base = resource.get().toString();
            RenewalInfo info = login.get().bindRenewalInfo(URI.create(base + (base.endsWith("/") ? "" : "/") + certId).toURL());
            Optional<Instant> retryAt = info.fetch();
            // acme4j counts Retry-After from the system clock: turned back into a duration here, renewd's own clock applies it.
            Optional<Duration> retryAfter = retryAt.map(at -> Duration.between(Instant.now(), at)).map(d -> d.isNegative() ? Duration.ZERO : d);
            return new Suggested(new RenewalWindow(info.getSuggestedWindowStart(), info.getSuggestedWindowEnd()),
                    info.getExplanation().map(URL::toString), retryAfter);
        } catch (AcmeException | AcmeLazyLoadingException | AcmeProtocolException | IllegalArgumentException | MalformedURLException e) {
            return new Failed("the CA's renewal information could not be read: " + e.getMessage());
        } catch (RuntimeException e) {
            return new Failed(AcmeGuardViolation.in(e).map(Throwable::getMessage).orElseThrow(() -> e));
        }
    }
}
