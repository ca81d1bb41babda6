package io.renewd.pki;

import io.renewd.domain.Curve;
import io.renewd.pki.PkiInputException.Reason;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.pkcs.RSAPrivateKey;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8DecryptorProviderBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMDecryptorProviderBuilder;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.util.encoders.Hex;
import org.bouncycastle.util.io.pem.PemHeader;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemWriter;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/**
 * PEM text: certificates, and private keys as openssl writes them — PKCS#8 (plain or encrypted), PKCS#1 RSA and SEC1 EC
 * (with or without curve parameters, optionally in OpenSSL's legacy "Proc-Type: 4,ENCRYPTED" form). Keys are always
 * written as PKCS#8, which names the curve of EC keys; SEC1 from some writers does not, and other tools refuse it.
 */
public final class PemCodec {

    private static final String CERTIFICATE = "CERTIFICATE";
    private static final String PRIVATE_KEY = "PRIVATE KEY";
    private static final String ENCRYPTED_PRIVATE_KEY = "ENCRYPTED PRIVATE KEY";
    private static final String RSA_PRIVATE_KEY = "RSA PRIVATE KEY";
    private static final String EC_PRIVATE_KEY = "EC PRIVATE KEY";
    private static final String EC_PARAMETERS = "EC PARAMETERS";

    private PemCodec() {
    }

    /** All certificates of a PEM text, in the order they appear. Private keys in the text are ignored. */
    public static List<X509Certificate> readCertificates(String pem) {
        List<X509Certificate> certificates = read(pem).certificates();
        if (certificates.isEmpty()) {
            throw new PkiInputException(Reason.NO_CERTIFICATE, "the PEM text has no CERTIFICATE block");
        }
        return certificates;
    }

    /** The one private key of a PEM text; {@code password} is needed only for encrypted keys. */
    public static PrivateKey readPrivateKey(String pem, char[] password) {
        Contents contents = read(pem);
        if (contents.keyBlock() == null) {
            throw new PkiInputException(Reason.NO_PRIVATE_KEY, "the PEM text has no private key");
        }
        return contents.privateKey(password);
    }

    /** Certificates (one chain, any order) and optionally their leaf's private key, as Key Vault imports PEM. */
    public static CertificateBundle readBundle(String pem, char[] password) {
        Contents contents = read(pem);
        if (contents.certificates().isEmpty()) {
            throw new PkiInputException(Reason.NO_CERTIFICATE, "the PEM text has no CERTIFICATE block");
        }
        PrivateKey key = contents.keyBlock() == null ? null : contents.privateKey(password);
        return CertificateBundle.assemble(contents.certificates(), key);
    }

    public static String writeCertificates(List<X509Certificate> certificates) {
        StringBuilder pem = new StringBuilder();
        certificates.forEach(certificate -> pem.append(encode(new PemObject(CERTIFICATE, Certificates.der(certificate)))));
        return pem.toString();
    }

    /** PKCS#8 "PRIVATE KEY", whatever provider made the key. */
    public static String writePrivateKey(PrivateKey key) {
        if (!"PKCS#8".equals(key.getFormat()) || key.getEncoded() == null) {
            throw new IllegalArgumentException("the key cannot be exported as PKCS#8 (format " + key.getFormat() + ")");
        }
        return encode(new PemObject(PRIVATE_KEY, key.getEncoded()));
    }

    /** The key (when present) followed by the leaf and its chain, as Key Vault serves a PEM secret. */
    public static String write(CertificateBundle bundle) {
        String key = bundle.key() == null ? "" : writePrivateKey(bundle.key());
        return key + writeCertificates(bundle.certificates());
    }

    static String encode(PemObject object) {
        StringWriter text = new StringWriter();
        try (PemWriter writer = new PemWriter(text)) {
            writer.writeObject(object);
        } catch (IOException e) {
            throw new UncheckedIOException("writing to a string failed", e);
        }
        return text.toString();
    }

    private static Contents read(String pem) {
        List<X509Certificate> certificates = new ArrayList<>();
        PemObject keyBlock = null;
        Curve curve = null;
        for (PemObject block : Inputs.pemBlocks(pem, "the PEM text")) {
            switch (block.getType()) {
                case CERTIFICATE, "X509 CERTIFICATE" -> {
                    if (certificates.size() == Inputs.MAX_CERTIFICATES) {
                        throw Inputs.malformed("the PEM text has more than " + Inputs.MAX_CERTIFICATES + " certificates");
                    }
                    certificates.add(Certificates.fromDer(block.getContent()));
                }
                case PRIVATE_KEY, ENCRYPTED_PRIVATE_KEY, RSA_PRIVATE_KEY, EC_PRIVATE_KEY -> {
                    if (keyBlock != null) {
                        throw Inputs.malformed("the PEM text has more than one private key");
                    }
                    keyBlock = block;
                }
                case EC_PARAMETERS -> curve = namedCurve(block.getContent());
                default -> throw Inputs.malformed("the PEM text has a block of type " + Inputs.quote(block.getType())
                        + "; expected CERTIFICATE and private key blocks");
            }
        }
        return new Contents(certificates, keyBlock, curve);
    }

    private static Curve namedCurve(byte[] der) {
        ASN1Primitive params = Inputs.parse("the EC PARAMETERS block", () -> ASN1Primitive.fromByteArray(der));
        if (!(params instanceof ASN1ObjectIdentifier oid)) {
            throw new PkiInputException(Reason.UNSUPPORTED_KEY, "explicit EC parameters are not supported; name the curve");
        }
        return EcCurves.of(oid).orElseThrow(() -> new PkiInputException(Reason.UNSUPPORTED_KEY,
                "EC curve " + oid.getId() + " is not supported; use P-256, P-384 or P-521"));
    }

    /** What a PEM text holds; the key stays undecoded until a password (and the certificates, for the curve) are at hand. */
    private record Contents(List<X509Certificate> certificates, PemObject keyBlock, Curve curve) {

        PrivateKey privateKey(char[] password) {
            List<PublicKey> candidates = certificates.stream().map(X509Certificate::getPublicKey).toList();
            return KeyDecoding.privateKey(privateKeyInfo(password), curve, candidates);
        }

        private PrivateKeyInfo privateKeyInfo(char[] password) {
            return switch (keyBlock.getType()) {
                case PRIVATE_KEY -> Inputs.parse("the private key", () -> PrivateKeyInfo.getInstance(keyBlock.getContent()));
                case ENCRYPTED_PRIVATE_KEY -> decryptPkcs8(password);
                case RSA_PRIVATE_KEY -> traditional(password, content -> new PrivateKeyInfo(
                        new AlgorithmIdentifier(PKCSObjectIdentifiers.rsaEncryption, DERNull.INSTANCE), RSAPrivateKey.getInstance(content)));
                case EC_PRIVATE_KEY -> traditional(password, content -> {
                    ECPrivateKey sec1 = ECPrivateKey.getInstance(content);
                    // The curve, when the key names it, also goes into the algorithm identifier; otherwise KeyDecoding finds it.
                    return new PrivateKeyInfo(new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey, sec1.getParametersObject()), sec1);
                });
                default -> throw new IllegalStateException("not a private key block: " + keyBlock.getType());
            };
        }

        private PrivateKeyInfo decryptPkcs8(char[] password) {
            PKCS8EncryptedPrivateKeyInfo encrypted = Inputs.parse("the encrypted private key",
                    () -> new PKCS8EncryptedPrivateKeyInfo(keyBlock.getContent()));
            PbeCost.check(encrypted.getEncryptionAlgorithm(), "the private key");
            char[] secret = requirePassword(password);
            try {
                return encrypted.decryptPrivateKeyInfo(
                        new JceOpenSSLPKCS8DecryptorProviderBuilder().setProvider(BouncyCastle.provider()).build(secret));
            } catch (Exception e) {
                throw wrongPassword(e);
            }
        }

        /** PKCS#1 or SEC1, decrypted first when OpenSSL's legacy headers say it is encrypted. */
        private PrivateKeyInfo traditional(char[] password, KeyDecoder decoder) {
            String dekInfo = header("DEK-Info");
            if (header("Proc-Type") == null || dekInfo == null) {
                return Inputs.parse("the private key", () -> decoder.decode(keyBlock.getContent()));
            }
            char[] secret = requirePassword(password);
            String[] algorithmAndIv = dekInfo.split(",", 2);
            if (algorithmAndIv.length != 2) {
                throw Inputs.malformed("the private key's DEK-Info header is malformed");
            }
            byte[] iv = Inputs.parse("the private key's DEK-Info header", () -> Hex.decode(algorithmAndIv[1].strip()));
            try {
                byte[] plain = new JcePEMDecryptorProviderBuilder().setProvider(BouncyCastle.provider()).build(secret)
                        .get(algorithmAndIv[0].strip()).decrypt(keyBlock.getContent(), iv);
                // With a wrong password, decryption usually fails on padding, else yields bytes that are not a key.
                return decoder.decode(plain);
            } catch (Exception e) {
                throw wrongPassword(e);
            }
        }

        private String header(String name) {
            for (Object header : keyBlock.getHeaders()) {
                if (header instanceof PemHeader pemHeader && name.equalsIgnoreCase(pemHeader.getName())) {
                    return pemHeader.getValue();
                }
            }
            return null;
        }
    }

    @FunctionalInterface
    private interface KeyDecoder {
        PrivateKeyInfo decode(byte[] der) throws Exception;
    }

    private static char[] requirePassword(char[] password) {
        if (password == null || password.length == 0) {
            throw new PkiInputException(Reason.WRONG_PASSWORD, "the private key is encrypted; a password is required");
        }
        return password;
    }

    private static PkiInputException wrongPassword(Exception cause) {
        return new PkiInputException(Reason.WRONG_PASSWORD, "the private key cannot be decrypted: wrong password or damaged key", cause);
    }
}
