package io.renewd.issuer.acme;

import io.renewd.config.AcmeConfig;
import io.renewd.domain.IssuerProvider;
import io.renewd.domain.acme.OrderCheckDelay;
import io.renewd.issuer.IssueRequest;
import io.renewd.issuer.IssueResult;
import io.renewd.pki.KeyPairs;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;
import org.shredzone.acme4j.Certificate;
import org.shredzone.acme4j.Order;
import org.shredzone.acme4j.Status;
import org.shredzone.acme4j.exception.AcmeException;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Moves one order forward for at most {@code renewd.acme.order-wait}: answers its challenges,
 * finalizes it with the request's CSR once ready, downloads the certificate once valid. When the
 * CA is not done by then, the call answers in progress with when to check again ({@link OrderCheckDelay}),
 * so no call blocks for long.
 */
@ApplicationScoped
class OrderProgress {

    private static final Logger LOG = Logger.getLogger(OrderProgress.class);

    private final Authorizations authorizations;
    private final AcmeOrders orders;
    private final AcmeErrors errors;
    private final AcmeConfig config;
    private final Clock clock;
    private final OrderCheckDelay checkDelay;

    OrderProgress(Authorizations authorizations, AcmeOrders orders, AcmeErrors errors, AcmeConfig config, Clock clock) {
        this.authorizations = authorizations;
        this.orders = orders;
        this.errors = errors;
        this.config = config;
        this.clock = clock;
        this.checkDelay = new OrderCheckDelay(config.firstCheck(), config.retryAfter(), AcmeOrders.DEFAULT_LIFETIME);
    }

    /** {@code placed} holds the CA's current state of the order (just placed or fetched). */
    IssueResult advance(AcmeOrders.Placed placed, IssueRequest request, IssuerProvider.Acme acme) throws AcmeException {
        Order order = placed.order();
        Instant deadline = clock.instant().plus(config.orderWait());
        // Finalized in this call: issuing starts now, however long validation took (OrderCheckDelay).
        Optional<Instant> finalizedAt = Optional.empty();
        while (true) {
            Optional<String> waiting = Optional.empty();
            switch (order.getStatus()) {
                case PENDING -> waiting = authorizations.answer(order, acme);
                case READY -> {
                    authorizations.settled(order);
                    order.execute(request.csrDer());
                    finalizedAt = Optional.of(clock.instant());
                    order.fetch();
                    continue;
                }
                case PROCESSING -> {
                    // The CA is issuing.
                }
                case VALID -> {
                    authorizations.settled(order);
                    return issued(order, request);
                }
                default -> {
                    // INVALID, or a status RFC 8555 does not give orders: either way this order is over.
                    authorizations.settled(order);
                    return invalid(order);
                }
            }
            Instant now = clock.instant();
            Optional<Instant> retryAfter = order.getRetryAfter().filter(now::isBefore);
            Instant nextPoll = retryAfter.orElse(now.plus(config.pollInterval()));
            if (nextPoll.isAfter(deadline) || !sleepUntil(now, nextPoll)) {
                Duration wait = checkDelay.after(placed.at(), finalizedAt, now, retryAfter.map(at -> Duration.between(now, at)));
                LOG.debugf("ACME order %s is %s; resuming in %s", order.getLocation(), order.getStatus(), wait);
                return new IssueResult.InProgress(order.getLocation().toString(), wait, waiting.orElseGet(() -> doing(order.getStatus())));
            }
            order.fetch();
        }
    }

    private IssueResult issued(Order order, IssueRequest request) throws AcmeException {
        Certificate certificate = order.getCertificate();
        certificate.download();
        List<X509Certificate> chain = certificate.getCertificateChain();
        X509Certificate leaf = chain.getFirst();
        if (!KeyPairs.samePublicKey(leaf.getPublicKey(), request.keys().getPublic())) {
            // The order was finalized with an earlier CSR of this operation: order anew for this key.
            orders.forget(order.getLocation());
            return new IssueResult.Failed(AcmeErrors.ORDER_INVALID, "the ACME order " + order.getLocation()
                    + " certified another key than the request's; the next attempt places a new order", true, Optional.empty());
        }
        LOG.infof("ACME order %s issued certificate %s (serial %s)", order.getLocation(), certificate.getLocation(),
                leaf.getSerialNumber().toString(16));
        return new IssueResult.Issued(leaf, chain.subList(1, chain.size()));
    }

    private IssueResult invalid(Order order) throws AcmeException {
        orders.forget(order.getLocation());
        var problem = order.getError().isPresent() ? order.getError() : authorizations.failedChallenge(order);
        return errors.invalidOrder(order.getLocation(), problem);
    }

    /** What the CA is doing with an order that is not done, for people. */
    private static String doing(Status status) {
        return switch (status) {
            case PENDING -> "the CA is validating the names";
            case PROCESSING -> "the CA is issuing";
            default -> "the ACME order is " + status.name().toLowerCase(Locale.ROOT);
        };
    }

    /** Sleeps until {@code until}; false when interrupted (shutting down), with the interrupt kept. */
    private boolean sleepUntil(Instant now, Instant until) {
        try {
            Thread.sleep(Duration.between(now, until));
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
