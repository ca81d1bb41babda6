package io.renewd.issuer.acme;

import io.renewd.config.AcmeConfig;
import io.renewd.domain.IssuerProvider;
import io.renewd.domain.acme.SolverSelection;
import io.renewd.issuer.CertificateIssuer;
import io.renewd.issuer.IssueRequest;
import io.renewd.issuer.IssueResult;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;
import org.shredzone.acme4j.Identifier;
import org.shredzone.acme4j.Login;
import org.shredzone.acme4j.exception.AcmeException;
import org.shredzone.acme4j.exception.AcmeLazyLoadingException;
import org.shredzone.acme4j.exception.AcmeProtocolException;

import java.util.List;

/**
 * Issues through an RFC 8555 ACME CA (Let's Encrypt, or with External Account Binding
 * DigiCert, GlobalSign, Sectigo, ZeroSSL), proving control of names with the issuer's solvers. A call places
 * an order, or resumes the one its resume state names, and moves it forward for a bounded time:
 * it answers the certificate, or in progress with the order URL, or why it failed.
 */
@ApplicationScoped
public class AcmeIssuer implements CertificateIssuer {

    private static final Logger LOG = Logger.getLogger(AcmeIssuer.class);

    private final AcmeSessions sessions;
    private final AcmeAccounts accounts;
    private final AcmeOrders orders;
    private final OrderProgress progress;
    private final AcmeErrors errors;
    private final AcmeNames names;
    private final AcmeConfig config;

    AcmeIssuer(AcmeSessions sessions, AcmeAccounts accounts, AcmeOrders orders, OrderProgress progress, AcmeErrors errors,
               AcmeNames names, AcmeConfig config) {
        this.sessions = sessions;
        this.accounts = accounts;
        this.orders = orders;
        this.progress = progress;
        this.errors = errors;
        this.names = names;
        this.config = config;
    }

    @Override
    public String provider() {
        return IssuerProvider.Acme.NAME;
    }

    @Override
    public IssueResult issue(IssueRequest request) {
        if (!(request.provider().orElse(null) instanceof IssuerProvider.Acme acme)) {
            throw new IllegalArgumentException("issuer '" + request.issuerName() + "' is not an acme issuer");
        }
        IssueResult result = attempt(request, acme);
        if (result instanceof IssueResult.Failed failed) {
            LOG.warnf("ACME issuance for certificate '%s' of vault '%s' through issuer '%s' (%s at %s) failed (%s, %s): %s", request.name(),
                    request.vault(), request.issuerName(), acme.ca().providerName(), acme.directoryUrl(), failed.code(), failed.retryable() ? "retryable" : "a person must act",
                    failed.message());
        }
        return result;
    }

    private IssueResult attempt(IssueRequest request, IssuerProvider.Acme acme) {
        try {
            List<Identifier> identifiers = OrderIdentifiers.of(request.csrDer());
            requireOrderable(request, acme, identifiers);
            Login login = accounts.login(sessions.open(acme.directory()), request, acme);
            AcmeOrders.Placed placed = orders.resumeOrPlace(login, request, acme, identifiers);
            return progress.advance(placed, request, acme);
        } catch (AcmeRefusal refusal) {
            return refusal.failed();
        } catch (AcmeException | AcmeLazyLoadingException | AcmeProtocolException e) {
            if (AcmeErrors.isUnknownAccount(e)) {
                accounts.forget(request, acme);
            }
            return errors.failed(e);
        } catch (RuntimeException e) {
            // A guard's refusal wrapped by acme4j in an unchecked exception is still that refusal.
            return AcmeGuardViolation.in(e).map(AcmeGuardViolation::failed).orElseThrow(() -> e);
        }
    }

    /**
     * Checked at every attempt, before the CA hears of the order: the map, renewd's names or the
     * issuer's solvers may have changed since the policy was set.
     */
    private void requireOrderable(IssueRequest request, IssuerProvider.Acme acme, List<Identifier> identifiers) {
        if (identifiers.size() > config.maxIdentifiers()) {
            throw AcmeRefusal.rejected("the policy asks for " + identifiers.size() + " names, more than one ACME order may have ("
                    + config.maxIdentifiers() + ", renewd.acme.max-identifiers)");
        }
        List<String> ordered = identifiers.stream().map(Identifier::getValue).toList();
        names.refusal(request.vault(), ordered).ifPresent(why -> {
            throw AcmeRefusal.nameNotAllowed(why);
        });
        SolverSelection.refusal(acme.effectiveSolvers(), ordered).ifPresent(why -> {
            throw AcmeRefusal.rejected(why);
        });
    }
}
