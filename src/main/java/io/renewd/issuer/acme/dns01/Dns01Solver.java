package io.renewd.issuer.acme.dns01;

import io.renewd.domain.acme.AcmeSolver;
import io.renewd.issuer.acme.solver.ChallengeFailure;
import io.renewd.issuer.acme.solver.ChallengeSolver;
import io.renewd.issuer.acme.solver.ChallengeTarget;
import io.renewd.issuer.acme.solver.Readiness;
import io.renewd.store.AcmeDnsRecordEntity;
import io.renewd.store.SealedStorage;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;
import org.shredzone.acme4j.challenge.Dns01Challenge;
import org.xbill.DNS.Name;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * DNS-01 (RFC 8555 section 8.4) through RFC 2136: adds the challenge's TXT value at
 * {@code _acme-challenge.<name>} (or where a CNAME of it leads) with a TSIG-signed update, is
 * ready once every server to check answers it, and removes exactly that value once the order is
 * settled. Other values at the same name (another certificate's order) are never touched. What
 * it added is kept in {@link Dns01Records} until removed, so a DNS server that is down at clean-up
 * time only delays the removal ({@link Dns01Cleanup}).
 */
@ApplicationScoped
public class Dns01Solver implements ChallengeSolver<AcmeSolver.Dns01, Dns01Challenge> {

    private static final Logger LOG = Logger.getLogger(Dns01Solver.class);

    /** How long one DNS query or update may take; servers that are slower count as not answering. */
    static final Duration QUERY_TIMEOUT = Duration.ofSeconds(5);

    /** Records removed per clean-up pass. */
    private static final int CLEANUP_BATCH = 100;

    private final Dns01Records records;
    private final SealedStorage sealedStorage;
    private final Clock clock;

    Dns01Solver(Dns01Records records, SealedStorage sealedStorage, Clock clock) {
        this.records = records;
        this.sealedStorage = sealedStorage;
        this.clock = clock;
    }

    @Override
    public Class<Dns01Challenge> challengeType() {
        return Dns01Challenge.class;
    }

    @Override
    public void present(AcmeSolver.Dns01 method, Dns01Challenge challenge, ChallengeTarget target) {
        var existing = records.find(target.orderUrl(), challenge.getDigest());
        if (existing.isPresent() && existing.get().confirmed) {
            return;
        }
        var settings = method.rfc2136();
        var server = DnsServer.parse(settings.nameserver());
        var client = new Rfc2136Client(server, QUERY_TIMEOUT);
        AcmeDnsRecordEntity row = existing.orElseGet(() -> records.remember(newRow(method, challenge, target, client)));
        try {
            client.addTxt(Rfc2136Client.absolute(row.zone), Rfc2136Client.absolute(row.fqdn), row.txtValue, key(settings));
        } catch (ChallengeFailure failure) {
            if (failure.kind() == ChallengeFailure.Kind.MISCONFIGURED) {
                // The server refused the update: nothing was added, so nothing is left to remove.
                records.forget(row.id);
            }
            throw failure;
        }
        records.confirm(row.id);
        LOG.infof("DNS-01: added TXT %s in zone %s at %s for %s", row.fqdn, row.zone, server, target.orderedName());
    }

    private AcmeDnsRecordEntity newRow(AcmeSolver.Dns01 method, Dns01Challenge challenge, ChallengeTarget target, Rfc2136Client client) {
        var settings = method.rfc2136();
        Name fqdn = client.followCnames(Rfc2136Client.absolute(challenge.getRRName(target.identifier())));
        Name zone = zoneFor(settings.zone(), fqdn, client);
        var row = new AcmeDnsRecordEntity();
        row.orderUrl = target.orderUrl();
        row.fqdn = fqdn.toString();
        row.txtValue = challenge.getDigest();
        row.zone = zone.toString();
        row.nameserver = settings.nameserver();
        row.tsigKeyName = settings.tsigKeyName();
        row.tsigAlgorithm = settings.algorithm();
        row.tsigSecretSealed = sealedStorage.seal(settings.tsigSecret().getBytes(StandardCharsets.UTF_8),
                SealedStorage.dnsRecordContext(row.nameserver, row.tsigKeyName));
        row.addedAt = clock.instant();
        row.expiresAt = target.expiresAt();
        return row;
    }

    /** The configured zone when it holds the record's name (a CNAME may lead out of it), else the zone the server names in its SOA. */
    private static Name zoneFor(String configured, Name fqdn, Rfc2136Client client) {
        if (configured != null) {
            Name zone = Rfc2136Client.absolute(configured);
            if (fqdn.subdomain(zone)) {
                return zone;
            }
        }
        return client.zoneOf(fqdn);
    }

    @Override
    public Readiness ready(AcmeSolver.Dns01 method, Dns01Challenge challenge, ChallengeTarget target) {
        AcmeDnsRecordEntity row = records.find(target.orderUrl(), challenge.getDigest()).orElseThrow(() -> new IllegalStateException(
                "DNS-01 record of " + target.orderedName() + " was not stored"));
        var client = new Rfc2136Client(DnsServer.parse(row.nameserver), QUERY_TIMEOUT);
        Name fqdn = Rfc2136Client.absolute(row.fqdn);
        List<String> missing = new ArrayList<>();
        List<DnsServer> servers;
        try {
            servers = method.checkNameservers() == null ? client.authoritativeServers(Rfc2136Client.absolute(row.zone))
                    : method.checkNameservers().stream().map(DnsServer::parse).toList();
        } catch (ChallengeFailure failure) {
            servers = List.of();
            missing.add(failure.getMessage());
        }
        for (DnsServer server : servers) {
            try {
                if (!new Rfc2136Client(server, QUERY_TIMEOUT).txtValues(fqdn).contains(row.txtValue)) {
                    missing.add(server + " does not answer it yet");
                }
            } catch (ChallengeFailure failure) {
                missing.add(server + " does not answer (" + failure.getMessage() + ")");
            }
        }
        if (missing.isEmpty()) {
            return Readiness.READY;
        }
        Duration waited = Duration.between(row.addedAt, clock.instant());
        String state = "the DNS-01 TXT record " + row.fqdn + " for " + target.orderedName() + " is not visible everywhere yet ("
                + String.join("; ", missing) + ")";
        if (waited.compareTo(method.timeout()) > 0) {
            throw new ChallengeFailure(ChallengeFailure.Kind.MISCONFIGURED, state + " after " + method.timeout()
                    + " (dns01.propagation_timeout): check that the servers to check (dns01.check_nameservers, or the zone's NS) get the zone's updates");
        }
        return new Readiness.Waiting("waiting for " + state.substring(4) + ", " + waited.toSeconds() + "s of " + method.timeout().toSeconds() + "s");
    }

    @Override
    public void cleanUp(String orderUrl) {
        records.markForRemoval(orderUrl).forEach(this::remove);
    }

    /** Removes records whose removal failed before, and records that outlived their order. */
    void removeDue() {
        records.due(clock.instant(), CLEANUP_BATCH).forEach(this::remove);
    }

    private void remove(AcmeDnsRecordEntity row) {
        var server = DnsServer.parse(row.nameserver);
        try {
            String secret = new String(sealedStorage.open(row.tsigSecretSealed, SealedStorage.dnsRecordContext(row.nameserver, row.tsigKeyName)),
                    StandardCharsets.UTF_8);
            new Rfc2136Client(server, QUERY_TIMEOUT).deleteTxt(Rfc2136Client.absolute(row.zone), Rfc2136Client.absolute(row.fqdn), row.txtValue,
                    new Rfc2136Client.Key(row.tsigKeyName, row.tsigAlgorithm, secret));
            records.forget(row.id);
            LOG.infof("DNS-01: removed TXT %s from zone %s at %s", row.fqdn, row.zone, server);
        } catch (ChallengeFailure failure) {
            records.failed(row.id, failure.getMessage());
            LOG.warnf("DNS-01: could not remove TXT %s from zone %s at %s (tried again later): %s", row.fqdn, row.zone, server, failure.getMessage());
        }
    }

    private static Rfc2136Client.Key key(AcmeSolver.Rfc2136 settings) {
        return new Rfc2136Client.Key(settings.tsigKeyName(), settings.algorithm(), settings.tsigSecret());
    }
}
