package io.renewd.pki;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.misc.MiscObjectIdentifiers;
import org.bouncycastle.asn1.misc.ScryptParams;
import org.bouncycastle.asn1.pkcs.KeyDerivationFunc;
import org.bouncycastle.asn1.pkcs.PBEParameter;
import org.bouncycastle.asn1.pkcs.PBES2Parameters;
import org.bouncycastle.asn1.pkcs.PBKDF2Params;
import org.bouncycastle.asn1.pkcs.PKCS12PBEParams;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;

import java.math.BigInteger;

/**
 * Refuses password-based encryption whose key derivation would cost far more than any real file before anything
 * derives a key: an attacker-chosen iteration count is a cheap way to burn a server's CPU.
 */
final class PbeCost {

    /** openssl uses 2,048 iterations, the JDK 10,000, Windows 2,000; a million is far above all and still under a second. */
    private static final long MAX_ITERATIONS = 1_000_000;
    /** scrypt needs 128·N·r bytes; openssl's default (N=16384, r=8) needs 16 MiB. */
    private static final long MAX_SCRYPT_MEMORY = 64L << 20;
    private static final int MAX_SCRYPT_PARALLELISM = 16;
    private static final String PKCS12_PBE = PKCSObjectIdentifiers.pkcs_12PbeIds.getId() + ".";
    private static final String PKCS5_PBES1 = "1.2.840.113549.1.5.";

    private PbeCost() {
    }

    /** Checks the encryption algorithm of an encrypted key or PKCS#12 safe; refuses algorithms it does not know. */
    static void check(AlgorithmIdentifier algorithm, String what) {
        ASN1ObjectIdentifier oid = algorithm.getAlgorithm();
        if (oid.equals(PKCSObjectIdentifiers.id_PBES2)) {
            KeyDerivationFunc kdf = PBES2Parameters.getInstance(algorithm.getParameters()).getKeyDerivationFunc();
            if (kdf.getAlgorithm().equals(PKCSObjectIdentifiers.id_PBKDF2)) {
                requireIterations(PBKDF2Params.getInstance(kdf.getParameters()).getIterationCount(), what);
            } else if (kdf.getAlgorithm().equals(MiscObjectIdentifiers.id_scrypt)) {
                requireScrypt(ScryptParams.getInstance(kdf.getParameters()), what);
            } else {
                throw unsupported(what, kdf.getAlgorithm());
            }
        } else if (oid.getId().startsWith(PKCS12_PBE)) {
            requireIterations(PKCS12PBEParams.getInstance(algorithm.getParameters()).getIterations(), what);
        } else if (oid.getId().startsWith(PKCS5_PBES1)) {
            requireIterations(PBEParameter.getInstance(algorithm.getParameters()).getIterationCount(), what);
        } else {
            throw unsupported(what, oid);
        }
    }

    static void requireIterations(BigInteger iterations, String what) {
        if (iterations.signum() <= 0 || iterations.compareTo(BigInteger.valueOf(MAX_ITERATIONS)) > 0) {
            throw Inputs.malformed(what + " asks for " + iterations + " key derivation iterations; at most " + MAX_ITERATIONS + " are accepted");
        }
    }

    private static void requireScrypt(ScryptParams params, String what) {
        BigInteger memory = params.getCostParameter().multiply(params.getBlockSize()).shiftLeft(7);
        if (params.getCostParameter().signum() <= 0 || params.getBlockSize().signum() <= 0 || params.getParallelizationParameter().signum() <= 0
                || memory.compareTo(BigInteger.valueOf(MAX_SCRYPT_MEMORY)) > 0
                || params.getParallelizationParameter().compareTo(BigInteger.valueOf(MAX_SCRYPT_PARALLELISM)) > 0) {
            throw Inputs.malformed(what + " asks for scrypt parameters beyond " + (MAX_SCRYPT_MEMORY >> 20) + " MiB or parallelism "
                    + MAX_SCRYPT_PARALLELISM);
        }
    }

    private static PkiInputException unsupported(String what, ASN1ObjectIdentifier oid) {
        return Inputs.malformed(what + " is encrypted with algorithm " + oid.getId() + ", which is not supported");
    }
}
