package io.renewd.api;

import io.quarkus.runtime.configuration.MemorySize;
import io.renewd.config.ApiConfig;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigInteger;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Which limit a request path gets: restores (path or vault-host addressing) the larger one. */
class RequestBodyLimitTest {

    private static final long API = 2L << 20;
    private static final long RESTORE = 8L << 20;

    private final RequestBodyLimit limits = new RequestBodyLimit(new ApiConfig() {
        @Override
        public MemorySize maxBodySize() {
            return new MemorySize(BigInteger.valueOf(API));
        }

        @Override
        public Optional<String> vaultHost() {
            return Optional.of("{vault}.vault.example.com");
        }
    }, Optional.of(new MemorySize(BigInteger.valueOf(RESTORE))));

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "/vaults/team-a/certificates/restore, restore",
            "/vaults/team-a/certificates/restore/, restore",
            "/certificates/restore, restore",
            "/vaults/team-a/certificates/web/import, api",
            "/certificates/web/import, api",
            "/vaults/team-a/certificates/restore/extra, api",
            "/vaults/team-a/certificates/restorex, api"})
    void restoresGetTheLargerLimit(String path, String limit) {
        assertThat(limits.limitFor(path)).isEqualTo(limit.equals("restore") ? RESTORE : API);
    }
}
