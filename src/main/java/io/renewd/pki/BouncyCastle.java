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
        // Another library may have registered it already: use that one rather than a second copy, but only if it is
        // this class loader's Bouncy Castle. One from another class loader (an application before a dev-mode reload,
        // another test application) takes key specs of its own classes only: scrypt keys would fail "Invalid KeySpec".
        Provider registered = Security.getProvider(BouncyCastleProvider.PROVIDER_NAME);
        if (registered instanceof BouncyCastleProvider) {
            return registered;
        }
        Provider provider = new BouncyCastleProvider();
        if (registered == null && Security.addProvider(provider) == -1) {
            Provider raced = Security.getProvider(BouncyCastleProvider.PROVIDER_NAME);
            return raced instanceof BouncyCastleProvider ? raced : provider;
        }
        return provider;
    }
}
