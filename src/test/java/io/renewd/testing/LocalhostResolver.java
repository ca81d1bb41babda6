package io.renewd.testing;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.net.spi.InetAddressResolver;
import java.net.spi.InetAddressResolverProvider;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Resolves every name under {@code .localhost} to the loopback address, as RFC 6761 (6.3) says
 * and as the JDK's resolver does not; every other name goes to the JDK's resolver. Registered for
 * the test JVM (META-INF/services), so tests can reach renewd at a vault's own host name such as
 * {@code team-a.vault.localhost} ({@code renewd.api.vault-host}) without touching the machine's DNS.
 */
public class LocalhostResolver extends InetAddressResolverProvider {

    @Override
    public InetAddressResolver get(Configuration configuration) {
        InetAddressResolver builtin = configuration.builtinResolver();
        return new InetAddressResolver() {
            @Override
            public Stream<InetAddress> lookupByName(String host, LookupPolicy policy) throws UnknownHostException {
                if (host.toLowerCase(Locale.ROOT).endsWith(".localhost")) {
                    return Stream.of(InetAddress.getByAddress(host, new byte[]{127, 0, 0, 1}));
                }
                return builtin.lookupByName(host, policy);
            }

            @Override
            public String lookupByAddress(byte[] address) throws UnknownHostException {
                return builtin.lookupByAddress(address);
            }
        };
    }

    @Override
    public String name() {
        return "renewd-test-localhost";
    }
}
