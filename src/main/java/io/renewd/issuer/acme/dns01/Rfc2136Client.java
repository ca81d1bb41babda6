package io.renewd.issuer.acme.dns01;

import io.renewd.issuer.acme.solver.ChallengeFailure;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TSIG;
import org.xbill.DNS.TSIGRecord;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;
import org.xbill.DNS.Update;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Talks RFC 1035 queries and RFC 2136 TSIG-signed updates to one DNS server (dnsjava). Lookups
 * ask without recursion: the servers asked are authoritative, and what they hold is what counts.
 */
final class Rfc2136Client {

    /** How long a record added for a challenge lives in caches; it is removed within minutes anyway. */
    static final long TXT_TTL = 60;

    /** More CNAME hops than this is a loop. */
    private static final int MAX_CNAME_HOPS = 8;

    private final DnsServer server;
    private final Duration timeout;

    Rfc2136Client(DnsServer server, Duration timeout) {
        this.server = server;
        this.timeout = timeout;
    }

    /** The TSIG key for updates: RFC 8945, the algorithm by its name (hmac-sha256), the secret base64. */
    record Key(String name, String algorithm, String secret) {
        TSIG tsig() {
            return new TSIG(TSIG.algorithmToName(algorithm), absolute(name), secret);
        }

        @Override
        public String toString() {
            return "Key[" + name + ", " + algorithm + "]";
        }
    }

    /** Adds one TXT value at {@code fqdn} (other values there stay). */
    void addTxt(Name zone, Name fqdn, String value, Key key) {
        Update update = new Update(zone);
        update.add(new TXTRecord(fqdn, DClass.IN, TXT_TTL, value));
        send(update, key, "add TXT " + fqdn + " \"" + value + "\" to zone " + zone);
    }

    /** Removes exactly this TXT value at {@code fqdn} (RFC 2136 section 2.5.4: delete an RR from an RRset); other values stay. */
    void deleteTxt(Name zone, Name fqdn, String value, Key key) {
        Update update = new Update(zone);
        update.delete(new TXTRecord(fqdn, DClass.IN, TXT_TTL, value));
        send(update, key, "remove TXT " + fqdn + " \"" + value + "\" from zone " + zone);
    }

    /** The zone holding {@code name}: the SOA the server answers, or names in its authority section. */
    Name zoneOf(Name name) {
        Message response = query(name, Type.SOA);
        for (Record record : response.getSection(Section.ANSWER)) {
            if (record instanceof SOARecord && record.getName().equals(name)) {
                return name;
            }
        }
        for (Record record : response.getSection(Section.AUTHORITY)) {
            if (record instanceof SOARecord && name.subdomain(record.getName())) {
                return record.getName();
            }
        }
        throw new ChallengeFailure(ChallengeFailure.Kind.MISCONFIGURED, "the DNS server " + server + " names no zone for " + name
                + " (" + Rcode.string(response.getRcode()) + "): set the solver's dns01.rfc2136.zone, or point nameserver at the zone's primary");
    }

    /** Where {@code name} leads through CNAMEs this server answers (itself when it is no alias): acme-dns style delegation. */
    Name followCnames(Name name) {
        Name current = name;
        for (int hop = 0; hop < MAX_CNAME_HOPS; hop++) {
            Optional<Name> target = cnameOf(current);
            if (target.isEmpty()) {
                return current;
            }
            current = target.get();
        }
        throw new ChallengeFailure(ChallengeFailure.Kind.MISCONFIGURED, "the CNAMEs of " + name + " at " + server
                + " go on for more than " + MAX_CNAME_HOPS + " hops (a loop?)");
    }

    private Optional<Name> cnameOf(Name name) {
        for (Record record : query(name, Type.CNAME).getSection(Section.ANSWER)) {
            if (record instanceof CNAMERecord cname && cname.getName().equals(name)) {
                return Optional.of(cname.getTarget());
            }
        }
        return Optional.empty();
    }

    /** The TXT values this server answers at {@code fqdn}; empty when it has none. */
    List<String> txtValues(Name fqdn) {
        Message response = query(fqdn, Type.TXT);
        List<String> values = new ArrayList<>();
        for (Record record : response.getSection(Section.ANSWER)) {
            if (record instanceof TXTRecord txt && txt.getName().equals(fqdn)) {
                values.add(String.join("", txt.getStrings()));
            }
        }
        return values;
    }

    /** The zone's authoritative servers by its NS records, each at port 53 of its addresses as this server or the system resolver knows them. */
    List<DnsServer> authoritativeServers(Name zone) {
        List<DnsServer> servers = new ArrayList<>();
        for (Record record : query(zone, Type.NS).getSection(Section.ANSWER)) {
            if (record instanceof NSRecord ns) {
                servers.addAll(addresses(ns.getTarget()));
            }
        }
        if (servers.isEmpty()) {
            throw new ChallengeFailure(ChallengeFailure.Kind.MISCONFIGURED, "the DNS server " + server + " gives no NS records (with addresses) for zone "
                    + zone + ": set the solver's dns01.check_nameservers");
        }
        return servers;
    }

    private List<DnsServer> addresses(Name host) {
        List<DnsServer> addresses = new ArrayList<>();
        for (int type : new int[]{Type.A, Type.AAAA}) {
            for (Record record : query(host, type).getSection(Section.ANSWER)) {
                if (record instanceof ARecord a) {
                    addresses.add(new DnsServer(a.getAddress().getHostAddress(), DnsServer.DNS_PORT));
                } else if (record instanceof AAAARecord aaaa) {
                    addresses.add(new DnsServer(aaaa.getAddress().getHostAddress(), DnsServer.DNS_PORT));
                }
            }
        }
        if (addresses.isEmpty()) {
            try {
                for (var address : java.net.InetAddress.getAllByName(host.toString(true))) {
                    addresses.add(new DnsServer(address.getHostAddress(), DnsServer.DNS_PORT));
                }
            } catch (java.net.UnknownHostException e) {
                // No address: the caller reports the zone as having no reachable servers.
            }
        }
        return addresses;
    }

    private Message query(Name name, int type) {
        Message query = Message.newQuery(Record.newRecord(name, type, DClass.IN));
        query.getHeader().unsetFlag(Flags.RD);
        try {
            return resolver(null).send(query);
        } catch (IOException e) {
            throw unreachable("ask for " + Type.string(type) + " " + name, e);
        }
    }

    private void send(Update update, Key key, String what) {
        Message response;
        try {
            response = resolver(key.tsig()).send(update);
        } catch (IOException e) {
            throw unreachable(what, e);
        } catch (IllegalArgumentException e) {
            throw new ChallengeFailure(ChallengeFailure.Kind.MISCONFIGURED, "cannot sign the update with TSIG key '" + key.name() + "' ("
                    + key.algorithm() + "): " + e.getMessage());
        }
        int rcode = response.getRcode();
        TSIGRecord tsig = response.getTSIG();
        if (rcode == Rcode.NOTAUTH || rcode == Rcode.BADSIG || (tsig != null && tsig.getError() != Rcode.NOERROR)) {
            String tsigError = tsig == null ? "" : " (TSIG error " + Rcode.TSIGstring(tsig.getError()) + ")";
            throw new ChallengeFailure(ChallengeFailure.Kind.MISCONFIGURED, "the DNS server " + server + " refused to " + what + ": "
                    + Rcode.string(rcode) + tsigError + ": it does not accept the TSIG signature of key '" + key.name() + "' (" + key.algorithm()
                    + "); check dns01.rfc2136.tsig_key_name, tsig_algorithm and tsig_secret against the server's key");
        }
        if (rcode == Rcode.REFUSED) {
            throw new ChallengeFailure(ChallengeFailure.Kind.MISCONFIGURED, "the DNS server " + server + " refused to " + what
                    + ": REFUSED: its allow-update (or update-policy) for the zone does not let key '" + key.name() + "' update it");
        }
        if (rcode == Rcode.SERVFAIL) {
            throw new ChallengeFailure(ChallengeFailure.Kind.UNAVAILABLE, "the DNS server " + server + " could not " + what + ": SERVFAIL");
        }
        if (rcode != Rcode.NOERROR) {
            throw new ChallengeFailure(ChallengeFailure.Kind.MISCONFIGURED, "the DNS server " + server + " refused to " + what + ": "
                    + Rcode.string(rcode));
        }
    }

    private SimpleResolver resolver(TSIG tsig) {
        var address = server.socketAddress();
        if (address.isUnresolved()) {
            throw new ChallengeFailure(ChallengeFailure.Kind.UNAVAILABLE, "the DNS server " + server + " has no address (its name does not resolve)");
        }
        var resolver = new SimpleResolver(address);
        resolver.setTimeout(timeout);
        if (tsig != null) {
            resolver.setTSIGKey(tsig);
        }
        return resolver;
    }

    private ChallengeFailure unreachable(String what, IOException e) {
        return new ChallengeFailure(ChallengeFailure.Kind.UNAVAILABLE, "the DNS server " + server + " did not answer (" + what + "): "
                + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
    }

    static Name absolute(String name) {
        try {
            return Name.fromString(name.endsWith(".") ? name : name + ".");
        } catch (TextParseException e) {
            throw new ChallengeFailure(ChallengeFailure.Kind.MISCONFIGURED, "'" + name + "' is not a DNS name");
        }
    }
}
