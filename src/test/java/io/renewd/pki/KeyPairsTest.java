package io.renewd.pki;

import io.renewd.domain.Curve;
import io.renewd.domain.KeySpec;
import io.renewd.pki.PkiInputException.Reason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KeyPairsTest {

    static Stream<KeySpec> specs() {
        return Stream.of(new KeySpec.Rsa(2048), new KeySpec.Rsa(3072), new KeySpec.Rsa(4096),
                new KeySpec.Ec(Curve.P_256), new KeySpec.Ec(Curve.P_384), new KeySpec.Ec(Curve.P_521));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("specs")
    void generatesDescribesAndPairsEverySpec(KeySpec spec) throws Exception {
        KeyPair pair = KeyPairs.generate(spec);
        KeyPair other = KeyPairs.generate(spec);
        var bouncyCastleCopy = KeyFactory.getInstance(pair.getPublic().getAlgorithm(), BouncyCastle.provider())
                .generatePublic(new X509EncodedKeySpec(pair.getPublic().getEncoded()));

        assertThat(KeyPairs.describe(pair.getPublic())).isEqualTo(spec);
        assertThat(KeyPairs.describe(bouncyCastleCopy)).isEqualTo(spec);
        assertThat(KeyPairs.matches(pair.getPublic(), pair.getPrivate())).isTrue();
        assertThat(KeyPairs.matches(bouncyCastleCopy, pair.getPrivate())).isTrue();
        assertThat(KeyPairs.matches(other.getPublic(), pair.getPrivate())).isFalse();
        assertThat(bouncyCastleCopy.getClass()).as("another provider's class").isNotEqualTo(pair.getPublic().getClass());
        assertThat(KeyPairs.samePublicKey(pair.getPublic(), bouncyCastleCopy)).isTrue();
        assertThat(KeyPairs.samePublicKey(other.getPublic(), bouncyCastleCopy)).isFalse();
    }

    @Test
    void keysOfDifferentKindsDoNotMatch() {
        KeyPair rsa = KeyPairs.generate(TestPki.RSA);
        KeyPair p256 = KeyPairs.generate(TestPki.P256);
        KeyPair p384 = KeyPairs.generate(TestPki.P384);

        assertThat(KeyPairs.matches(rsa.getPublic(), p256.getPrivate())).isFalse();
        assertThat(KeyPairs.matches(p384.getPublic(), p256.getPrivate())).isFalse();
    }

    @Test
    void refusesRsaSizesOutsideTheThreeKeyVaultSizes() {
        assertThatThrownBy(() -> KeyPairs.generate(new KeySpec.Rsa(1024)))
                .isInstanceOfSatisfying(PkiInputException.class, e -> assertThat(e.reason()).isEqualTo(Reason.UNSUPPORTED_KEY))
                .hasMessageContaining("RSA key size 1024 is not supported");
    }

    @Test
    void refusesKeyTypesAndCurvesItDoesNotHandle() throws Exception {
        KeyPairGenerator ed = KeyPairGenerator.getInstance("Ed25519");
        KeyPairGenerator k1 = KeyPairGenerator.getInstance("EC", BouncyCastle.provider());
        k1.initialize(new ECGenParameterSpec("secp256k1"));

        assertThatThrownBy(() -> KeyPairs.describe(ed.generateKeyPair().getPublic()))
                .isInstanceOfSatisfying(PkiInputException.class, e -> assertThat(e.reason()).isEqualTo(Reason.UNSUPPORTED_KEY))
                .hasMessageContaining("EdDSA keys are not supported");
        assertThatThrownBy(() -> KeyPairs.describe(k1.generateKeyPair().getPublic()))
                .isInstanceOfSatisfying(PkiInputException.class, e -> assertThat(e.reason()).isEqualTo(Reason.UNSUPPORTED_KEY))
                .hasMessageContaining("curve is not supported");
    }
}
