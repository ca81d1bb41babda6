package io.renewd.pki;

import com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider;

import java.security.Provider;
import java.util.Optional;

/**
 * The provider renewd makes keys and signatures with: AWS-LC through the Amazon Corretto Crypto Provider where its native
 * library loads (Linux on x86-64, the container image's platform), else the JDK's own.
 *
 * <p>Key generation and signing are most of a renewal's CPU: on the JDK's P-256 a key pair costs about 0.1 ms and a
 * signature 0.13 ms, on AWS-LC 0.009 and 0.016 ms (docs/benchmarks.md, "The floor"). It is not registered as a JCA
 * provider, so TLS, key stores and everything else keep the JDK's providers; only {@link KeyPairs#generate} and the
 * signers of CSRs and certificates ask for it.
 */
public final class NativeCrypto {

    private static final Loaded LOADED = load();
    private static volatile boolean enabled = true;

    private NativeCrypto() {
    }

    /** The native provider when it loaded and is enabled; empty means the JDK's providers. */
    public static Optional<Provider> provider() {
        return enabled ? LOADED.provider() : Optional.empty();
    }

    /** Turns the native provider off ({@code renewd.pki.native-crypto=false}) or back on where it loaded. */
    public static void enable(boolean on) {
        enabled = on;
    }

    /** What signs here, in words for the start-up log. */
    public static String describe() {
        if (provider().isPresent()) {
            AmazonCorrettoCryptoProvider accp = (AmazonCorrettoCryptoProvider) LOADED.provider().get();
            return accp.getAwsLcVersionStr() + " through the Amazon Corretto Crypto Provider " + accp.getVersionStr();
        }
        return enabled ? "the JDK's providers (" + LOADED.whyNot() + ")" : "the JDK's providers (renewd.pki.native-crypto=false)";
    }

    private static Loaded load() {
        try {
            AmazonCorrettoCryptoProvider provider = AmazonCorrettoCryptoProvider.INSTANCE;
            Throwable error = provider.getLoadingError();
            if (error != null) {
                return new Loaded(Optional.empty(), "its native library did not load on this platform: " + error);
            }
            // Runs its self-tests (known answers for every algorithm) once; a provider that fails them is not used.
            provider.assertHealthy();
            return new Loaded(Optional.of(provider), "");
        } catch (RuntimeException | LinkageError e) {
            return new Loaded(Optional.empty(), "the Amazon Corretto Crypto Provider is not usable here: " + e);
        }
    }

    private record Loaded(Optional<Provider> provider, String whyNot) {
    }
}
