package io.renewd.domain.acme;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Addresses an ACME server must not have: renewd's network neighbours (loopback, link-local
 * with the cloud metadata service, private, CGNAT, unique-local), and addresses that are no
 * single host (unspecified, multicast, reserved). IPv6 forms that carry an IPv4 address
 * (mapped, compatible, NAT64, 6to4) are judged by that address.
 */
public final class InternalAddresses {

    private record Range(byte[] network, int prefix, String what) {
        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int full = prefix / 8;
            for (int i = 0; i < full; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xFF << (8 - rest)) & 0xFF;
            return (address[full] & mask) == (network[full] & mask);
        }
    }

    private static final List<Range> RANGES = List.of(
            range("0.0.0.0", 8, "an unspecified address ('this network')"),
            range("10.0.0.0", 8, "a private address (RFC 1918)"),
            range("100.64.0.0", 10, "a carrier-grade NAT address (RFC 6598)"),
            range("127.0.0.0", 8, "a loopback address"),
            range("169.254.0.0", 16, "a link-local address (where cloud metadata services answer)"),
            range("172.16.0.0", 12, "a private address (RFC 1918)"),
            range("192.0.0.0", 24, "an IETF protocol address (RFC 6890)"),
            range("192.168.0.0", 16, "a private address (RFC 1918)"),
            range("198.18.0.0", 15, "a benchmarking address (RFC 2544)"),
            range("224.0.0.0", 4, "a multicast address"),
            range("240.0.0.0", 4, "a reserved or broadcast address"),
            range("::", 128, "an unspecified address"),
            range("::1", 128, "a loopback address"),
            range("fc00::", 7, "a unique-local address (fc00::/7)"),
            range("fe80::", 10, "a link-local address"),
            range("fec0::", 10, "a site-local address"),
            range("ff00::", 8, "a multicast address"));

    private InternalAddresses() {
    }

    /** Why {@code address} is internal, or empty when it is an ordinary public address. */
    public static Optional<String> reason(InetAddress address) {
        byte[] bytes = address.getAddress();
        Optional<byte[]> embedded = embeddedIpv4(bytes);
        if (embedded.isPresent()) {
            return reason(embedded.get());
        }
        return reason(bytes);
    }

    private static Optional<String> reason(byte[] bytes) {
        return RANGES.stream().filter(range -> range.contains(bytes)).map(Range::what).findFirst();
    }

    /** The IPv4 address inside an IPv4-mapped (::ffff:0:0/96), compatible (::/96), NAT64 (64:ff9b::/96) or 6to4 (2002::/16) address. */
    private static Optional<byte[]> embeddedIpv4(byte[] bytes) {
        if (bytes.length != 16) {
            return Optional.empty();
        }
        boolean zeros80 = Arrays.equals(bytes, 0, 10, new byte[10], 0, 10);
        boolean mapped = zeros80 && bytes[10] == (byte) 0xFF && bytes[11] == (byte) 0xFF;
        boolean compatible = zeros80 && bytes[10] == 0 && bytes[11] == 0 && !Arrays.equals(bytes, 12, 16, new byte[4], 0, 4)
                && !(bytes[12] == 0 && bytes[13] == 0 && bytes[14] == 0 && bytes[15] == 1);
        boolean nat64 = bytes[0] == 0x00 && bytes[1] == 0x64 && bytes[2] == (byte) 0xFF && bytes[3] == (byte) 0x9B
                && Arrays.equals(bytes, 4, 12, new byte[8], 0, 8);
        if (mapped || compatible || nat64) {
            return Optional.of(Arrays.copyOfRange(bytes, 12, 16));
        }
        if (bytes[0] == 0x20 && bytes[1] == 0x02) {
            return Optional.of(Arrays.copyOfRange(bytes, 2, 6));
        }
        return Optional.empty();
    }

    private static Range range(String literal, int prefix, String what) {
        try {
            // Literals only: no name is looked up.
            return new Range(InetAddress.getByName(literal).getAddress(), prefix, what);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
