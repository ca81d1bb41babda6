package io.renewd.testing;

import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.lang.JoseException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

/**
 * Bearer tokens for the tests, signed with the test key that %test's OIDC configuration
 * trusts (src/test/resources/oidc). Issuer and audience are those renewd expects, unless a test
 * asks for others.
 */
public final class TestTokens {

    public static final String ISSUER = "https://login.renewd.test/tenant";
    public static final String AUDIENCE = "https://vault.renewd.test";
    /** The principal the tests act as by default: a member of the administrator group. */
    public static final String ADMIN = "test-admin";
    public static final String ADMIN_GROUP = "renewd-admins";
    /** {@code given().header("Authorization", TestTokens.NONE)} sends a request without any token. */
    public static final String NONE = "none";

    private static final PrivateKey KEY = load();

    private TestTokens() {
    }

    public static String admin() {
        return token(ADMIN, List.of(ADMIN_GROUP));
    }

    public static String token(String subject, List<String> groups) {
        return token(subject, groups, ISSUER, AUDIENCE, Instant.now().plus(Duration.ofHours(1)));
    }

    public static String token(String subject, List<String> groups, String issuer, String audience, Instant expires) {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(issuer);
        claims.setAudience(audience);
        claims.setSubject(subject);
        claims.setStringListClaim("groups", groups);
        claims.setIssuedAt(org.jose4j.jwt.NumericDate.fromSeconds(Math.min(Instant.now().getEpochSecond(), expires.getEpochSecond() - 60)));
        claims.setExpirationTime(org.jose4j.jwt.NumericDate.fromSeconds(expires.getEpochSecond()));
        claims.setGeneratedJwtId();
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(KEY);
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Signed with a key renewd does not trust. */
    public static String foreign(String subject, List<String> groups) {
        try {
            var generator = java.security.KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            JwtClaims claims = new JwtClaims();
            claims.setIssuer(ISSUER);
            claims.setAudience(AUDIENCE);
            claims.setSubject(subject);
            claims.setStringListClaim("groups", groups);
            claims.setExpirationTimeMinutesInTheFuture(60);
            JsonWebSignature jws = new JsonWebSignature();
            jws.setPayload(claims.toJson());
            jws.setKey(generator.generateKeyPair().getPrivate());
            jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
            return jws.getCompactSerialization();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The public key renewd verifies test tokens with: base64 DER, as quarkus.oidc.public-key takes it. */
    public static String publicKey() {
        try {
            var crt = (java.security.interfaces.RSAPrivateCrtKey) KEY;
            var spec = new java.security.spec.RSAPublicKeySpec(crt.getModulus(), crt.getPublicExponent());
            return Base64.getEncoder().encodeToString(KeyFactory.getInstance("RSA").generatePublic(spec).getEncoded());
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static PrivateKey load() {
        try (InputStream in = TestTokens.class.getResourceAsStream("/oidc/test-signing-key.pem")) {
            String pem = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
            byte[] der = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (IOException | java.security.GeneralSecurityException e) {
            throw new IllegalStateException("cannot read the test signing key", e);
        }
    }
}
