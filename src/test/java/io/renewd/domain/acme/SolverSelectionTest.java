package io.renewd.domain.acme;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class SolverSelectionTest {

    private static final AcmeSolver ANY = AcmeSolver.HTTP01_FOR_ALL;
    private static final AcmeSolver ZONE = http01(null, List.of("example.com"));
    private static final AcmeSolver DEEPER_ZONE = http01(null, List.of("team-a.example.com"));
    private static final AcmeSolver NAME = http01(List.of("www.team-a.example.com"), null);
    private static final AcmeSolver OTHER_ZONE = http01(null, List.of("example.org"));
    private static final AcmeSolver DNS01_ZONE = new AcmeSolver(null, new AcmeSolver.Dns01(
            new AcmeSolver.Rfc2136("10.0.0.53", null, "renewd", null, "c2VjcmV0"), null, null), new AcmeSolver.Selector(null, List.of("example.com")));

    static Stream<Arguments> choices() {
        return Stream.of(
                arguments("no selector takes every name", List.of(ANY), "www.example.com", ANY),
                arguments("a zone beats no selector", List.of(ANY, ZONE), "www.example.com", ZONE),
                arguments("the zone itself is in it", List.of(ANY, ZONE), "example.com", ZONE),
                arguments("a longer zone beats a shorter one", List.of(ZONE, DEEPER_ZONE), "api.team-a.example.com", DEEPER_ZONE),
                arguments("an exact name beats any zone", List.of(DEEPER_ZONE, NAME, ZONE), "www.team-a.example.com", NAME),
                arguments("names are compared without case and final dot", List.of(ANY, NAME), "WWW.Team-A.example.com.", NAME),
                arguments("a zone does not take a name that only ends like it", List.of(ANY, ZONE), "badexample.com", ANY),
                arguments("among equals the first listed wins", List.of(ZONE, http01(null, List.of("example.net", "example.com"))), "a.example.com", ZONE),
                arguments("another zone's solver is no candidate", List.of(OTHER_ZONE, ANY), "www.example.com", ANY),
                arguments("a wildcard goes to the dns01 solver, not to a more specific HTTP-01 one", List.of(DEEPER_ZONE, DNS01_ZONE),
                        "*.team-a.example.com", DNS01_ZONE),
                arguments("a dns01 zone beats HTTP-01 for every name", List.of(DNS01_ZONE, ANY), "db.example.com", DNS01_ZONE));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("choices")
    void theMostSpecificSolverWins(String rule, List<AcmeSolver> solvers, String name, AcmeSolver expected) {
        assertThat(SolverSelection.choose(solvers, name)).isEqualTo(new SolverSelection.Choice.Chosen(expected));
    }

    static Stream<Arguments> refusals() {
        return Stream.of(
                arguments("no solver selects the name", List.of(OTHER_ZONE), "www.example.com", "no solver of the issuer selects 'www.example.com'"),
                arguments("HTTP-01 cannot prove a wildcard", List.of(ANY, ZONE), "*.example.com", "'*.example.com' is a wildcard: only a dns01 solver"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void aNameNoSolverCanProveIsRefusedWithTheReason(String rule, List<AcmeSolver> solvers, String name, String why) {
        assertThat(SolverSelection.choose(solvers, name)).isInstanceOfSatisfying(SolverSelection.Choice.NoneApplies.class,
                none -> assertThat(none.why()).contains(why));
    }

    private static AcmeSolver http01(List<String> names, List<String> zones) {
        return new AcmeSolver(new AcmeSolver.Http01(), null, new AcmeSolver.Selector(names, zones));
    }
}
