package io.renewd.cli;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.URI;

import static org.assertj.core.api.Assertions.assertThat;

class ExitCodeTest {

    @ParameterizedTest
    @CsvSource({
            "401, NOT_AUTHENTICATED, 3",
            "403, FORBIDDEN, 4",
            "404, NOT_FOUND, 5",
            "400, REJECTED, 6",
            "405, REJECTED, 6",
            "409, REJECTED, 6",
            "413, REJECTED, 6",
            "429, REJECTED, 6",
            "500, SERVER_OR_NETWORK, 7",
            "502, SERVER_OR_NETWORK, 7",
            "503, SERVER_OR_NETWORK, 7",
            "0, SERVER_OR_NETWORK, 7"})
    void mapsAnHttpStatus(int httpStatus, ExitCode code, int status) {
        assertThat(ExitCode.forHttpStatus(httpStatus)).isEqualTo(code);
        assertThat(code.status()).isEqualTo(status);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "404 | {\"error\":{\"code\":\"CertificateNotFound\",\"message\":\"vault team-a has no certificate web\"}} | not found (HTTP 404 CertificateNotFound): vault team-a has no certificate web",
            "403 | {\"error\":{\"code\":\"Forbidden\",\"message\":\"missing permission: list\"}} | forbidden (HTTP 403 Forbidden): missing permission: list",
            "409 | {\"error\":{\"code\":\"Conflict\",\"message\":\"busy\"}} | conflict (HTTP 409 Conflict): busy",
            "401 | '' | not authenticated (HTTP 401): GET /vaults/v/certificates answered 401",
            "502 | <html>bad gateway</html> | server error (HTTP 502): GET /vaults/v/certificates answered 502"})
    void namesTheApisErrorCodeAndMessage(int status, String body, String message) {
        CliFailure failure = ApiClient.failure("GET", URI.create("https://renewd.example/vaults/v/certificates?api-version=7.6"), status, body);
        assertThat(failure.getMessage()).isEqualTo(message);
        assertThat(failure.exitCode()).isEqualTo(ExitCode.forHttpStatus(status));
    }
}
