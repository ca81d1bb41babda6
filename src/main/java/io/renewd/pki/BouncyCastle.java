package io.renewd.pki;

import org.bouncycastle.jce.provider.BouncyCastleProvider;

import java.security.Provider;
import java.security.Security;

/**
 * The Bouncy Castle provider, registered once at the end of the provider list so that the JDK's providers stay the
 * default; code that needs Bouncy Castle asks for this instance explicitly.
 */
public final class BouncyCastle {

    private static final Provider PROVIDER = register();

    private BouncyCastle() {
    }

    public static Provider provider() {
        return PROVIDER;
    }

    private static Provider register() {
        // Another library (or class loader) may have registered it already: use that one rather than a second copy.
        Provider registered = Security.getProvider(BouncyCastleProvider.PROVIDER_NAME);
        if (registered != null) {
            return registered;
        }
        Provider provider = new BouncyCastleProvider();
        return Security.addProvider(provider) == -1 ? Security.getProvider(BouncyCastleProvider.PROVIDER_NAME) : provider;
    }
}
