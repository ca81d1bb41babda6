package io.renewd.pki;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.Key;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * Encrypts private keys at rest: each item gets its own random AES-256 data key (AES-256-GCM, 96-bit random nonce),
 * and the data key is wrapped with the active key-encryption key (AES-KWP, RFC 5649). The associated data binds a
 * ciphertext to its row (say "vault/name/version"), so a ciphertext copied to another row does not open there.
 */
public final class EnvelopeEncryption {

    private static final int DATA_KEY_BYTES = 32;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final KeyEncryptionKeys keys;

    public EnvelopeEncryption(KeyEncryptionKeys keys) {
        this.keys = keys;
    }

    public SealedData seal(byte[] plaintext, byte[] associatedData) {
        byte[] dataKey = new byte[DATA_KEY_BYTES];
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(dataKey);
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(dataKey, "AES"), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associatedData);
            byte[] ciphertext = cipher.doFinal(plaintext);
            return new SealedData(keys.activeId(), wrap(dataKey), nonce, ciphertext);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK cannot encrypt with AES-256-GCM", e);
        } finally {
            Arrays.fill(dataKey, (byte) 0);
        }
    }

    public byte[] open(SealedData sealed, byte[] associatedData) {
        byte[] dataKey = unwrap(sealed);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(dataKey, "AES"), new GCMParameterSpec(TAG_BITS, sealed.nonce()));
            cipher.updateAAD(associatedData);
            return cipher.doFinal(sealed.ciphertext());
        } catch (AEADBadTagException e) {
            throw new EnvelopeException("the sealed data was altered or belongs to other associated data", e);
        } catch (GeneralSecurityException e) {
            throw new EnvelopeException("the sealed data cannot be decrypted", e);
        } finally {
            Arrays.fill(dataKey, (byte) 0);
        }
    }

    /** The same ciphertext with its data key wrapped under the active key-encryption key (for rotating that key). */
    public SealedData rewrap(SealedData sealed) {
        if (sealed.kekId().equals(keys.activeId())) {
            return sealed;
        }
        byte[] dataKey = unwrap(sealed);
        try {
            return new SealedData(keys.activeId(), wrap(dataKey), sealed.nonce(), sealed.ciphertext());
        } finally {
            Arrays.fill(dataKey, (byte) 0);
        }
    }

    private byte[] wrap(byte[] dataKey) {
        try {
            Cipher cipher = Cipher.getInstance("AES/KWP/NoPadding");
            cipher.init(Cipher.WRAP_MODE, new SecretKeySpec(keys.key(keys.activeId()), "AES"));
            return cipher.wrap(new SecretKeySpec(dataKey, "AES"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK cannot wrap with AES-KWP", e);
        }
    }

    private byte[] unwrap(SealedData sealed) {
        byte[] keyEncryptionKey = keys.key(sealed.kekId());
        try {
            Cipher cipher = Cipher.getInstance("AES/KWP/NoPadding");
            cipher.init(Cipher.UNWRAP_MODE, new SecretKeySpec(keyEncryptionKey, "AES"));
            Key dataKey = cipher.unwrap(sealed.wrappedDataKey(), "AES", Cipher.SECRET_KEY);
            byte[] encoded = dataKey.getEncoded();
            if (encoded == null || encoded.length != DATA_KEY_BYTES) {
                throw new EnvelopeException("the wrapped data key has the wrong length");
            }
            return encoded;
        } catch (InvalidKeyException e) {
            throw new EnvelopeException("the data key does not unwrap with key-encryption key '" + sealed.kekId()
                    + "': the key is wrong or the sealed data was altered", e);
        } catch (GeneralSecurityException e) {
            throw new EnvelopeException("the data key cannot be unwrapped", e);
        } finally {
            Arrays.fill(keyEncryptionKey, (byte) 0);
        }
    }
}
