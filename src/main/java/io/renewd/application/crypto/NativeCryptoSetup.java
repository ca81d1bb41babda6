package io.renewd.application.crypto;

import io.quarkus.runtime.StartupEvent;
import io.renewd.config.PkiConfig;
import io.renewd.pki.NativeCrypto;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/** Applies {@code renewd.pki.native-crypto} before anything else starts, and says in the log what makes keys and signs. */
@ApplicationScoped
public class NativeCryptoSetup {

    void started(@Observes @Priority(1) StartupEvent started, PkiConfig config) {
        NativeCrypto.enable(config.nativeCrypto());
        Logger.getLogger(NativeCryptoSetup.class).infof("keys and signatures: %s", NativeCrypto.describe());
    }
}
