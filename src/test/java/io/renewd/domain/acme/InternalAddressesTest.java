package io.renewd.domain.acme;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.InetAddress;

import static org.assertj.core.api.Assertions.assertThat;

class InternalAddressesTest {

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            127.0.0.1          | loopback
            127.1.2.3          | loopback
            ::1                | loopback
            169.254.169.254    | link-local
            fe80::1            | link-local
            10.0.0.1           | private
            172.16.0.1         | private
            172.31.255.255     | private
            192.168.1.1        | private
            100.64.0.1         | carrier-grade NAT
            100.127.255.255    | carrier-grade NAT
            fc00::1            | unique-local
            fd12:3456::1       | unique-local
            0.0.0.0            | unspecified
            ::                 | unspecified
            224.0.0.1          | multicast
            ff02::1            | multicast
            255.255.255.255    | reserved
            ::ffff:10.0.0.1    | private
            ::ffff:169.254.169.254 | link-local
            64:ff9b::7f00:1    | loopback
            2002:a9fe:a9fe::1  | link-local
            """)
    void internalAddressesAreNamed(String address, String what) throws Exception {
        assertThat(InternalAddresses.reason(InetAddress.getByName(address))).hasValueSatisfying(reason -> assertThat(reason).contains(what));
    }

    @ParameterizedTest
    @CsvSource({"8.8.8.8", "1.1.1.1", "172.32.0.1", "100.128.0.1", "192.169.0.1", "2001:4860:4860::8888", "2606:4700::1111", "::ffff:8.8.8.8"})
    void publicAddressesPass(String address) throws Exception {
        assertThat(InternalAddresses.reason(InetAddress.getByName(address))).isEmpty();
    }
}
