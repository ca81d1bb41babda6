package io.renewd.pki;

import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.pkcs.AuthenticatedSafe;
import org.bouncycastle.asn1.pkcs.ContentInfo;
import org.bouncycastle.asn1.pkcs.EncryptedData;
import org.bouncycastle.asn1.pkcs.EncryptedPrivateKeyInfo;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.Pfx;
import org.bouncycastle.asn1.pkcs.SafeBag;

/**
 * Walks a PFX's outer structure before the JDK opens it, refusing files that would make the JDK derive keys too
 * often or with too many iterations (it allows 5 million per step), or that hold more than a handful of bags.
 */
final class Pkcs12Limits {

    /** openssl and the JDK write two safes: one for keys, one for certificates. */
    private static final int MAX_SAFES = 4;
    private static final int MAX_BAGS = 2 * Inputs.MAX_CERTIFICATES;

    private Pkcs12Limits() {
    }

    static void check(byte[] der) {
        Inputs.parse("the PFX", () -> {
            Pfx pfx = Pfx.getInstance(ASN1Primitive.fromByteArray(der));
            if (pfx.getMacData() != null) {
                PbeCost.requireIterations(pfx.getMacData().getIterationCount(), "the PFX MAC");
            }
            ContentInfo[] safes = AuthenticatedSafe.getInstance(octets(pfx.getAuthSafe())).getContentInfo();
            if (safes.length > MAX_SAFES) {
                throw Inputs.malformed("the PFX has " + safes.length + " safes; at most " + MAX_SAFES + " are accepted");
            }
            for (ContentInfo safe : safes) {
                if (safe.getContentType().equals(PKCSObjectIdentifiers.encryptedData)) {
                    PbeCost.check(EncryptedData.getInstance(safe.getContent()).getEncryptionAlgorithm(), "the PFX");
                } else if (safe.getContentType().equals(PKCSObjectIdentifiers.data)) {
                    checkBags(ASN1Sequence.getInstance(octets(safe)));
                } else {
                    throw Inputs.malformed("the PFX has a safe of type " + safe.getContentType().getId() + ", which is not supported");
                }
            }
            return null;
        });
    }

    private static void checkBags(ASN1Sequence bags) {
        if (bags.size() > MAX_BAGS) {
            throw Inputs.malformed("the PFX has more than " + MAX_BAGS + " entries in one safe");
        }
        for (int i = 0; i < bags.size(); i++) {
            SafeBag bag = SafeBag.getInstance(bags.getObjectAt(i));
            if (bag.getBagId().equals(PKCSObjectIdentifiers.pkcs8ShroudedKeyBag)) {
                PbeCost.check(EncryptedPrivateKeyInfo.getInstance(bag.getBagValue()).getEncryptionAlgorithm(), "the PFX key");
            }
        }
    }

    private static byte[] octets(ContentInfo data) {
        if (!data.getContentType().equals(PKCSObjectIdentifiers.data)) {
            throw Inputs.malformed("the PFX is not password-protected data (public-key protected PFX files are not supported)");
        }
        return ASN1OctetString.getInstance(data.getContent()).getOctets();
    }
}
