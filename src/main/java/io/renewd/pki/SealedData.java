package io.renewd.pki;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Envelope-encrypted data: the id of the key-encryption key, the data key wrapped by it, the GCM nonce and the
 * ciphertext with its tag. {@link #toBytes()} gives one self-describing value for one database column.
 */
public record SealedData(String kekId, byte[] wrappedDataKey, byte[] nonce, byte[] ciphertext) {

    /** Bumped whenever the layout or the algorithms change, so old rows stay readable. */
    private static final byte VERSION = 1;
    private static final int TAG_BYTES = 16;

    public SealedData {
        if (kekId == null || kekId.isEmpty() || kekId.getBytes(StandardCharsets.UTF_8).length > 255
                || wrappedDataKey.length > 0xffff || nonce.length > 0xff) {
            throw new IllegalArgumentException("a sealed data part does not fit its length field");
        }
        wrappedDataKey = wrappedDataKey.clone();
        nonce = nonce.clone();
        ciphertext = ciphertext.clone();
    }

    @Override
    public byte[] wrappedDataKey() {
        return wrappedDataKey.clone();
    }

    @Override
    public byte[] nonce() {
        return nonce.clone();
    }

    @Override
    public byte[] ciphertext() {
        return ciphertext.clone();
    }

    /** version(1) | id length(1) | id (UTF-8) | wrapped key length(2) | wrapped key | nonce length(1) | nonce | ciphertext. */
    public byte[] toBytes() {
        byte[] id = kekId.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(1 + 1 + id.length + 2 + wrappedDataKey.length + 1 + nonce.length + ciphertext.length)
                .put(VERSION)
                .put((byte) id.length).put(id)
                .putShort((short) wrappedDataKey.length).put(wrappedDataKey)
                .put((byte) nonce.length).put(nonce)
                .put(ciphertext)
                .array();
    }

    public static SealedData fromBytes(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            throw malformed("it is empty");
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        byte version = buffer.get();
        if (version != VERSION) {
            throw malformed("version " + version + " is unknown");
        }
        String kekId = new String(take(buffer, Byte.toUnsignedInt(take(buffer, 1)[0])), StandardCharsets.UTF_8);
        byte[] wrapped = take(buffer, Short.toUnsignedInt(ByteBuffer.wrap(take(buffer, 2)).getShort()));
        byte[] nonce = take(buffer, Byte.toUnsignedInt(take(buffer, 1)[0]));
        byte[] ciphertext = take(buffer, buffer.remaining());
        if (kekId.isEmpty() || wrapped.length == 0 || nonce.length == 0 || ciphertext.length < TAG_BYTES) {
            throw malformed("a part is missing");
        }
        return new SealedData(kekId, wrapped, nonce, ciphertext);
    }

    private static byte[] take(ByteBuffer buffer, int length) {
        if (length > buffer.remaining()) {
            throw malformed("it is truncated");
        }
        byte[] part = new byte[length];
        buffer.get(part);
        return part;
    }

    private static EnvelopeException malformed(String detail) {
        return new EnvelopeException("sealed data is malformed: " + detail);
    }
}
