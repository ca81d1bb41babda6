package io.renewd.issuer.acme;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.renewd.domain.Curve;
import io.renewd.domain.IssuerCredentials;
import io.renewd.domain.IssuerProvider;
import io.renewd.domain.KeySpec;
import io.renewd.issuer.IssueRequest;
import io.renewd.pki.KeyPairs;
import io.renewd.store.AcmeAccountEntity;
import io.renewd.store.SealedStorage;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;
import org.shredzone.acme4j.AccountBuilder;
import org.shredzone.acme4j.Login;
import org.shredzone.acme4j.Session;
import org.shredzone.acme4j.exception.AcmeException;

import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.util.Optional;

/**
 * The ACME account of a vault's issuer at one directory URL. Registered on first use with a new
 * EC P-256 key (and External Account Binding when the issuer has credentials); the key, sealed,
 * and the account URL are kept in {@code acme_account}, so every later call and every replica
 * logs into the same account without asking the CA.
 */
@ApplicationScoped
class AcmeAccounts {

    private static final Logger LOG = Logger.getLogger(AcmeAccounts.class);

    private final SealedStorage sealedStorage;
    private final Clock clock;

    AcmeAccounts(SealedStorage sealedStorage, Clock clock) {
        this.sealedStorage = sealedStorage;
        this.clock = clock;
    }

    /** Context the account's private key is sealed under: it opens only for its own row. */
    static String sealContext(String vault, String issuer, String directoryUrl) {
        return "acme-account:" + vault + "/" + issuer + "@" + directoryUrl;
    }

    Login login(Session session, IssueRequest request, IssuerProvider.Acme acme) throws AcmeException {
        var key = new AcmeAccountEntity.Key(request.vault(), request.issuerName(), acme.directoryUrl());
        Optional<AcmeAccountEntity> stored = find(key);
        if (stored.isPresent()) {
            return login(session, stored.get());
        }
        KeyPair keyPair = KeyPairs.generate(new KeySpec.Ec(Curve.P_256));
        Login login = registration(acme, request.credentials(), keyPair).createLogin(session);
        if (insert(key, login.getAccountLocation(), keyPair)) {
            LOG.infof("registered ACME account %s for issuer '%s' of vault '%s'", login.getAccountLocation(), key.issuer(), key.vault());
            return login;
        }
        // Another call registered one at the same time: use that one, so there is one account per issuer.
        return login(session, find(key).orElseThrow());
    }

    /** The issuer's stored account at that directory, without asking the CA; empty when renewd has none. */
    Optional<Login> stored(Session session, String vault, String issuer, String directoryUrl) {
        return find(new AcmeAccountEntity.Key(vault, issuer, directoryUrl)).map(row -> login(session, row));
    }

    /** Drops the stored account (the CA no longer knows it): the next call registers a new one. */
    void forget(IssueRequest request, IssuerProvider.Acme acme) {
        var key = new AcmeAccountEntity.Key(request.vault(), request.issuerName(), acme.directoryUrl());
        QuarkusTransaction.requiringNew().run(() -> AcmeAccountEntity.deleteById(key));
        LOG.warnf("forgot the ACME account of issuer '%s' of vault '%s' at %s: the CA no longer knows it", key.issuer(), key.vault(), key.directoryUrl());
    }

    private AccountBuilder registration(IssuerProvider.Acme acme, Optional<IssuerCredentials> credentials, KeyPair keyPair) {
        if (acme.ca().requiresEab() && credentials.isEmpty()) {
            throw AcmeRefusal.misconfigured("provider " + acme.ca().providerName() + " registers accounts only with External Account "
                    + "Binding: the issuer needs credentials.account_id and credentials.pwd");
        }
        // Setting up an acme issuer is the operator's acceptance of the CA's terms of service.
        AccountBuilder builder = new AccountBuilder().agreeToTermsOfService().useKeyPair(keyPair);
        try {
            if (acme.contact() != null && !acme.contact().isBlank()) {
                builder.addEmail(acme.contact().strip());
            }
            credentials.ifPresent(eab -> builder.withKeyIdentifier(eab.accountId(), eab.password()));
        } catch (IllegalArgumentException e) {
            // Neither message carries the HMAC key: one names the contact, the other the base64 decoder's complaint.
            throw AcmeRefusal.misconfigured("the acme issuer's contact or External Account Binding credentials are not usable: " + e.getMessage());
        }
        return builder;
    }

    private Optional<AcmeAccountEntity> find(AcmeAccountEntity.Key key) {
        return QuarkusTransaction.requiringNew().call(() -> AcmeAccountEntity.<AcmeAccountEntity>findByIdOptional(key));
    }

    /** Stores the account unless one was stored meanwhile; true when this one was stored. */
    private boolean insert(AcmeAccountEntity.Key key, URL accountUrl, KeyPair keyPair) {
        String context = sealContext(key.vault(), key.issuer(), key.directoryUrl());
        byte[] sealed = sealedStorage.seal(keyPair.getPrivate().getEncoded(), context);
        return QuarkusTransaction.requiringNew().call(() -> AcmeAccountEntity.getEntityManager().createNativeQuery("""
                        insert into acme_account (vault, issuer, directory_url, account_url, public_key, private_key_sealed, created_at)
                        values (?1, ?2, ?3, ?4, ?5, ?6, ?7)
                        on conflict do nothing""")
                .setParameter(1, key.vault())
                .setParameter(2, key.issuer())
                .setParameter(3, key.directoryUrl())
                .setParameter(4, accountUrl.toString())
                .setParameter(5, keyPair.getPublic().getEncoded())
                .setParameter(6, sealed)
                .setParameter(7, clock.instant())
                .executeUpdate() == 1);
    }

    private Login login(Session session, AcmeAccountEntity row) {
        String context = sealContext(row.key.vault(), row.key.issuer(), row.key.directoryUrl());
        try {
            KeyFactory keys = KeyFactory.getInstance("EC");
            KeyPair keyPair = new KeyPair(keys.generatePublic(new X509EncodedKeySpec(row.publicKey)),
                    keys.generatePrivate(new PKCS8EncodedKeySpec(sealedStorage.open(row.privateKeySealed, context))));
            return session.login(URI.create(row.accountUrl).toURL(), keyPair);
        } catch (GeneralSecurityException | MalformedURLException e) {
            throw new IllegalStateException("the stored ACME account of issuer '" + row.key.issuer() + "' of vault '"
                    + row.key.vault() + "' is not readable", e);
        }
    }
}
