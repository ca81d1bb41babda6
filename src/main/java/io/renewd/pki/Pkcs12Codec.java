package io.renewd.pki;

import io.renewd.pki.PkiInputException.Reason;

import javax.crypto.spec.PBEParameterSpec;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * PKCS#12 (PFX) files. Reading uses the JDK's keystore: unlike Bouncy Castle's it opens every variant renewd meets —
 * openssl 3's AES-256/PBKDF2 default, {@code -legacy} 3DES/RC2-40 with a SHA-1 MAC, and empty passwords in both of
 * their encodings (Key Vault's PFX secrets have an empty password). Writing uses AES-256-CBC with PBKDF2-HMAC-SHA256
 * for the key; the JDK (18 and later) protects certificates the same way and MACs with HMAC-SHA256 by default.
 */
public final class Pkcs12Codec {

    private static final String KEYSTORE_PROVIDER = "SUN";
    private static final String KEY_PROTECTION = "PBEWithHmacSHA256AndAES_256";
    private static final int ITERATIONS = 10_000;
    private static final SecureRandom RANDOM = new SecureRandom();

    private Pkcs12Codec() {
    }

    /** The one key of a PFX with its certificate chain; a null password means the empty one. */
    public static CertificateBundle read(byte[] pfx, char[] password) {
        Inputs.requireSize(pfx, "the PFX");
        Pkcs12Limits.check(pfx);
        char[] secret = password == null ? new char[0] : password;
        KeyStore store = load(pfx, secret);
        String alias = keyAlias(store);
        PrivateKey key = privateKey(store, alias, secret);
        Certificate[] chain = Inputs.parse("the PFX", () -> store.getCertificateChain(alias));
        if (chain == null || chain.length == 0) {
            throw new PkiInputException(Reason.NO_CERTIFICATE, "the PFX has no certificate for its private key");
        }
        List<X509Certificate> certificates = new ArrayList<>();
        for (Certificate certificate : chain) {
            if (!(certificate instanceof X509Certificate x509)) {
                throw Inputs.malformed("the PFX holds a certificate that is not X.509");
            }
            certificates.add(x509);
        }
        return CertificateBundle.assemble(certificates, key);
    }

    /** A PFX with the leaf, its key and chain under one friendly name (alias), as openssl and the JDK read it. */
    public static byte[] write(CertificateBundle bundle, String friendlyName, char[] password) {
        if (bundle.key() == null) {
            throw new PkiInputException(Reason.NO_PRIVATE_KEY, "a PFX needs the private key of the certificate");
        }
        if (!KeyPairs.matches(bundle.leaf().getPublicKey(), bundle.key())) {
            throw new PkiInputException(Reason.KEY_MISMATCH, "the private key does not belong to the certificate");
        }
        char[] secret = password == null ? new char[0] : password;
        try {
            KeyStore store = KeyStore.getInstance("PKCS12", KEYSTORE_PROVIDER);
            store.load(null, null);
            byte[] salt = new byte[16];
            RANDOM.nextBytes(salt);
            store.setEntry(friendlyName, new KeyStore.PrivateKeyEntry(bundle.key(), bundle.certificates().toArray(Certificate[]::new)),
                    new KeyStore.PasswordProtection(secret, KEY_PROTECTION, new PBEParameterSpec(salt, ITERATIONS)));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            store.store(out, secret);
            return out.toByteArray();
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("writing a PFX failed", e);
        }
    }

    private static KeyStore load(byte[] pfx, char[] password) {
        return Inputs.parse("the PFX", () -> {
            KeyStore store = KeyStore.getInstance("PKCS12", KEYSTORE_PROVIDER);
            try {
                store.load(new ByteArrayInputStream(pfx), password);
            } catch (IOException e) {
                // The JDK reports a failed MAC or undecryptable safe as an IOException caused by UnrecoverableKeyException.
                if (e.getCause() instanceof UnrecoverableKeyException) {
                    throw wrongPassword(e);
                }
                throw e;
            }
            return store;
        });
    }

    private static String keyAlias(KeyStore store) {
        List<String> keyAliases = Inputs.parse("the PFX", () -> {
            List<String> aliases = new ArrayList<>();
            for (String alias : Collections.list(store.aliases())) {
                if (store.isKeyEntry(alias)) {
                    aliases.add(alias);
                }
            }
            return aliases;
        });
        if (keyAliases.isEmpty()) {
            throw new PkiInputException(Reason.NO_PRIVATE_KEY, "the PFX has no private key");
        }
        if (keyAliases.size() > 1) {
            throw Inputs.malformed("the PFX has " + keyAliases.size() + " private keys; one is expected");
        }
        return keyAliases.get(0);
    }

    private static PrivateKey privateKey(KeyStore store, String alias, char[] password) {
        Key key = Inputs.parse("the PFX key", () -> {
            try {
                return store.getKey(alias, password);
            } catch (UnrecoverableKeyException e) {
                throw wrongPassword(e);
            }
        });
        if (!(key instanceof PrivateKey privateKey)) {
            throw new PkiInputException(Reason.NO_PRIVATE_KEY, "the PFX has no private key");
        }
        return privateKey;
    }

    private static PkiInputException wrongPassword(Exception cause) {
        return new PkiInputException(Reason.WRONG_PASSWORD, "the PFX password is wrong (or the file is damaged)", cause);
    }
}
