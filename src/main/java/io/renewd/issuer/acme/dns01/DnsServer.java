package io.renewd.issuer.acme.dns01;

import java.net.InetSocketAddress;

/** A DNS server address as settings give it: {@code host}, {@code host:port}, {@code [v6]:port}; port 53 when absent. */
record DnsServer(String host, int port) {

    static final int DNS_PORT = 53;

    static DnsServer parse(String address) {
        String text = address.strip();
        if (text.startsWith("[")) {
            int end = text.indexOf(']');
            String port = text.substring(end + 1);
            return new DnsServer(text.substring(1, end), port.startsWith(":") ? Integer.parseInt(port.substring(1)) : DNS_PORT);
        }
        int colon = text.lastIndexOf(':');
        return colon < 0 ? new DnsServer(text, DNS_PORT) : new DnsServer(text.substring(0, colon), Integer.parseInt(text.substring(colon + 1)));
    }

    InetSocketAddress socketAddress() {
        return new InetSocketAddress(host, port);
    }

    @Override
    public String toString() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
