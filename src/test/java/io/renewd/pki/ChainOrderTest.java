package io.renewd.pki;

import io.renewd.domain.SubjectAlternativeNames;
import io.renewd.pki.PkiInputException.Reason;
import io.renewd.pki.TestPki.Chain;
import io.renewd.pki.TestPki.Issued;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static io.renewd.pki.PemCodecTest.assertReason;
import static io.renewd.pki.TestPki.P256;
import static io.renewd.pki.TestPki.RSA;
import static org.assertj.core.api.Assertions.assertThat;

class ChainOrderTest {

    private static Chain chain;
    private static List<X509Certificate> ordered;

    @BeforeAll
    static void makeChain() {
        chain = TestPki.chain(RSA, P256, P256);
        ordered = List.of(chain.leaf().certificate(), chain.intermediate().certificate(), chain.root().certificate());
    }

    static Stream<List<Integer>> permutations() {
        return Stream.of(List.of(0, 1, 2), List.of(0, 2, 1), List.of(1, 0, 2), List.of(1, 2, 0), List.of(2, 0, 1), List.of(2, 1, 0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("permutations")
    void ordersAShuffledChainLeafToRoot(List<Integer> permutation) {
        List<X509Certificate> shuffled = permutation.stream().map(ordered::get).toList();

        assertThat(ChainOrder.order(shuffled)).containsExactlyElementsOf(ordered);
    }

    @Test
    void acceptsChainsWithoutRootAndDropsDuplicates() {
        assertThat(ChainOrder.order(List.of(ordered.get(1), ordered.get(0)))).containsExactly(ordered.get(0), ordered.get(1));
        assertThat(ChainOrder.order(List.of(ordered.get(0)))).containsExactly(ordered.get(0));
        assertThat(ChainOrder.order(List.of(ordered.get(2), ordered.get(0), ordered.get(1), ordered.get(0)))).containsExactlyElementsOf(ordered);
    }

    @Test
    void refusesCertificatesThatAreNotOneChain() {
        X509Certificate unrelated = TestPki.root(P256).certificate();
        Issued sibling = TestPki.issue(chain.intermediate(), P256, TestPki.leafTemplate("CN=sibling", SubjectAlternativeNames.NONE));
        List<X509Certificate> withUnrelated = new ArrayList<>(ordered);
        withUnrelated.add(unrelated);

        assertReason(() -> ChainOrder.order(withUnrelated), Reason.NOT_ONE_CHAIN, "2 ends");
        assertReason(() -> ChainOrder.order(List.of(ordered.get(0), sibling.certificate(), ordered.get(1))), Reason.NOT_ONE_CHAIN,
                "2 ends: 'CN=web.example.com,O=Acme', 'CN=sibling'");
        assertReason(() -> ChainOrder.order(List.of()), Reason.NO_CERTIFICATE, "no certificates");
    }

    @Test
    void aNameAloneDoesNotMakeAnIssuer() {
        // Same subject name as the real intermediate, other key: it cannot have signed the leaf.
        Issued impostor = TestPki.issue(chain.root(), P256, TestPki.caTemplate("CN=Test Intermediate,O=Acme", 0));

        assertReason(() -> ChainOrder.order(List.of(ordered.get(0), impostor.certificate(), ordered.get(2))), Reason.NOT_ONE_CHAIN,
                "2 ends: 'CN=web.example.com,O=Acme', 'CN=Test Intermediate,O=Acme'");
    }
}
