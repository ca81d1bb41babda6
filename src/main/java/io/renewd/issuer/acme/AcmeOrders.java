package io.renewd.issuer.acme;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.renewd.domain.IssuerProvider;
import io.renewd.issuer.IssueRequest;
import io.renewd.store.AcmeOrderEntity;
import io.renewd.store.AcmeRenewalInfoEntity;
import io.renewd.store.CertificateEntity;
import io.renewd.store.CertificateVersionEntity;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;
import org.shredzone.acme4j.Identifier;
import org.shredzone.acme4j.Login;
import org.shredzone.acme4j.Order;
import org.shredzone.acme4j.OrderBuilder;
import org.shredzone.acme4j.connector.Resource;
import org.shredzone.acme4j.exception.AcmeException;
import org.shredzone.acme4j.exception.AcmeRateLimitedException;
import org.shredzone.acme4j.exception.AcmeServerException;

import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The order a call works on: the one named by the resume state when renewd placed it for this
 * certificate, with this account, and it still asks for the CSR's names; otherwise a new one.
 * Orders are recorded in {@code acme_order}; a failed one is forgotten, so the next attempt
 * does not resume it but orders anew.
 */
@ApplicationScoped
class AcmeOrders {

    private static final Logger LOG = Logger.getLogger(AcmeOrders.class);
    /** RFC 8555 lets a CA omit an order's expiry; Let's Encrypt keeps orders for 7 days. */
    static final Duration DEFAULT_LIFETIME = Duration.ofDays(7);
    private static final String ALREADY_REPLACED = "urn:ietf:params:acme:error:alreadyReplaced";

    private final Clock clock;

    AcmeOrders(Clock clock) {
        this.clock = clock;
    }

    /** An order, and when renewd placed it (by renewd's clock, as stored). */
    record Placed(Order order, Instant at) {
    }

    Placed resumeOrPlace(Login login, IssueRequest request, IssuerProvider.Acme acme, List<Identifier> identifiers) throws AcmeException {
        Optional<Placed> resumed = resumable(login, request, identifiers);
        if (resumed.isPresent()) {
            return resumed.get();
        }
        Optional<String> replaces = replaces(login, request, acme);
        Order order;
        try {
            order = newOrder(login, acme, identifiers, replaces).create();
        } catch (AcmeServerException e) {
            if (replaces.isEmpty() || !ALREADY_REPLACED.equals(String.valueOf(e.getType()))) {
                throw e;
            }
            // An earlier order of renewd's replaced that certificate already (its outcome was lost): order without replaces.
            LOG.infof("the CA says certificate %s was replaced already: ordering without replaces", replaces.get());
            replaces = Optional.empty();
            order = newOrder(login, acme, identifiers, replaces).create();
        }
        Instant placedAt = remember(order, login, request);
        LOG.infof("placed ACME order %s for certificate '%s' of vault '%s' (%s)%s%s", order.getLocation(), request.name(), request.vault(),
                identifiers.stream().map(Identifier::getValue).collect(Collectors.joining(", ")),
                acme.profile() == null ? "" : ", profile " + acme.profile(), replaces.map(id -> ", replacing " + id).orElse(""));
        return new Placed(order, placedAt);
    }

    private static OrderBuilder newOrder(Login login, IssuerProvider.Acme acme, List<Identifier> identifiers, Optional<String> replaces)
            throws AcmeException {
        OrderBuilder builder = login.newOrder().identifiers(identifiers);
        if (acme.profile() != null) {
            // The CA may have dropped the profile since the issuer was set: a clear refusal, not the CA's error.
            AcmeProfiles.refusal(login.getSession().getMetadata(), acme.directory(), acme.profile()).ifPresent(why -> {
                throw AcmeRefusal.misconfigured(why + "; change the issuer's acme.profile");
            });
            builder.profile(acme.profile());
        }
        replaces.ifPresent(builder::replaces);
        return builder;
    }

    /**
     * RFC 9773 {@code replaces}: the certID of the certificate's current version when this issuer ordered it from this
     * directory and the CA offers renewal information, so the CA can tell a renewal from a new certificate.
     */
    private static Optional<String> replaces(Login login, IssueRequest request, IssuerProvider.Acme acme) throws AcmeException {
        if (login.getSession().resourceUrlOptional(Resource.RENEWAL_INFO).isEmpty()) {
            return Optional.empty();
        }
        return QuarkusTransaction.requiringNew().call(() -> CertificateEntity.findByName(request.vault(), request.name())
                .flatMap(certificate -> CertificateVersionEntity.latest(certificate.id))
                .flatMap(version -> AcmeRenewalInfoEntity.ofVersion(version.id))
                .filter(info -> info.issuer.equals(request.issuerName()) && info.directoryUrl.equals(acme.directoryUrl()))
                .map(info -> info.certId));
    }

    /** The order failed: it is not to be resumed. */
    void forget(URL orderUrl) {
        QuarkusTransaction.requiringNew().run(() -> AcmeOrderEntity.deleteById(orderUrl.toString()));
    }

    private Optional<Placed> resumable(Login login, IssueRequest request, List<Identifier> identifiers) throws AcmeException {
        Optional<AcmeOrderEntity> row = request.resumeState()
                .flatMap(url -> QuarkusTransaction.requiringNew().call(() -> AcmeOrderEntity.<AcmeOrderEntity>findByIdOptional(url)))
                .filter(stored -> stored.vault.equals(request.vault()) && stored.certificate.equals(request.name())
                        && stored.issuer.equals(request.issuerName()) && stored.accountUrl.equals(login.getAccountLocation().toString())
                        && stored.expiresAt.isAfter(clock.instant()));
        if (row.isEmpty()) {
            return Optional.empty();
        }
        URL orderUrl = url(row.get().orderUrl);
        Order order = login.bindOrder(orderUrl);
        try {
            order.fetch();
        } catch (AcmeServerException e) {
            if (e instanceof AcmeRateLimitedException) {
                throw e;
            }
            // The CA no longer has the order for this account (its data was reset, say): order anew.
            LOG.warnf("cannot resume ACME order %s (%s): placing a new one", orderUrl, e.getMessage());
            forget(orderUrl);
            return Optional.empty();
        }
        if (!names(order.getIdentifiers()).equals(names(identifiers))) {
            // The policy's names changed since: that order would not accept the CSR.
            LOG.infof("ACME order %s is for other names than the CSR: placing a new one", orderUrl);
            forget(orderUrl);
            return Optional.empty();
        }
        return Optional.of(new Placed(order, row.get().createdAt));
    }

    private Instant remember(Order order, Login login, IssueRequest request) {
        Instant now = clock.instant();
        var row = new AcmeOrderEntity();
        row.orderUrl = order.getLocation().toString();
        row.vault = request.vault();
        row.certificate = request.name();
        row.issuer = request.issuerName();
        row.accountUrl = login.getAccountLocation().toString();
        row.createdAt = now;
        // renewd's own clock: the CA's expiry comes from a clock that may differ from ours; an order the CA let expire answers invalid and is replaced.
        row.expiresAt = now.plus(DEFAULT_LIFETIME);
        QuarkusTransaction.requiringNew().run(() -> {
            AcmeOrderEntity.delete("expiresAt <= ?1", now);
            row.persist();
        });
        return now;
    }

    private static Set<String> names(List<Identifier> identifiers) {
        return identifiers.stream().map(id -> id.getType() + ":" + id.getValue().toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
    }

    private static URL url(String url) {
        try {
            return URI.create(url).toURL();
        } catch (MalformedURLException e) {
            throw new IllegalStateException("stored ACME order URL is not a URL: " + url, e);
        }
    }
}
