package io.renewd.api;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VaultHostsTest {

    private static VaultHosts hosts(String pattern) {
        return new VaultHosts(new io.renewd.config.ApiConfig() {
            @Override
            public io.quarkus.runtime.configuration.MemorySize maxBodySize() {
                return new io.quarkus.runtime.configuration.MemorySize(java.math.BigInteger.valueOf(2 * 1024 * 1024));
            }

            @Override
            public Optional<String> vaultHost() {
                return Optional.ofNullable(pattern);
            }
        });
    }

    @Test
    void aHostUnderThePatternAddressesTheVaultOfItsFirstLabel() {
        VaultHosts hosts = hosts("{vault}.vault.example.com");

        assertThat(hosts.vaultOf("team-a.vault.example.com")).hasValue("team-a");
        assertThat(hosts.vaultOf("team-a.VAULT.example.com.")).hasValue("team-a");
        assertThat(hosts.addresses("team-a.vault.example.com", "team-a")).isTrue();
        assertThat(hosts.addresses("team-a.vault.example.com", "team-b")).isFalse();
    }

    @Test
    void aHostInAnyCaseAddressesTheVaultOfItsLowercaseLabel() {
        VaultHosts hosts = hosts("{vault}.vault.example.com");

        assertThat(hosts.vaultOf("TEAM-A.vault.example.com")).hasValue("team-a");
        assertThat(hosts.vaultOf("Team-A.Vault.Example.Com")).hasValue("team-a");
        assertThat(hosts.addresses("TEAM-A.vault.example.com", "team-a")).isTrue();
        assertThat(hosts.hostOf("Team-A")).isEqualTo("team-a.vault.example.com");
    }

    @Test
    void otherHostsAndLabelsThatAreNoVaultNameAddressNoVault() {
        VaultHosts hosts = hosts("{vault}.vault.example.com");

        assertThat(hosts.vaultOf("renewd.example.com")).isEmpty();
        assertThat(hosts.vaultOf("vault.example.com")).isEmpty();
        assertThat(hosts.vaultOf("a.b.vault.example.com")).as("two labels").isEmpty();
        assertThat(hosts.vaultOf("1abc.vault.example.com")).as("vault names start with a letter").isEmpty();
        assertThat(hosts.vaultOf("team-a.vault.example.com.evil.org")).isEmpty();
        assertThat(hosts.vaultOf(null)).isEmpty();
    }

    @Test
    void withoutAPatternNoHostAddressesAVault() {
        assertThat(hosts(null).vaultOf("team-a.vault.example.com")).isEmpty();
    }

    @Test
    void aPatternThatIsNotAHostNameWithTheVaultFirstIsRefused() {
        for (String pattern : new String[]{"vault.example.com", "team.{vault}.example.com", "{vault}", "{vault}.exa mple.com", "{vault}..example.com"}) {
            assertThatThrownBy(() -> hosts(pattern)).as(pattern).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("renewd.api.vault-host");
        }
    }
}
