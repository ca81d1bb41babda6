package io.renewd.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.NewCookie;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/**
 * The web forms' CSRF tokens, one per browser session: a random nonce in a cookie only renewd's pages under /ui get
 * ({@code SameSite=Strict}, {@code HttpOnly}, {@code Secure}), and in each form the nonce with an HMAC binding it to the
 * signed-in person. A POST is taken only when the form's token matches the cookie and the person: another site can
 * neither read the cookie nor make the HMAC. The key derives from the web client's secret, so every renewd process
 * checks tokens the others issued.
 */
@ApplicationScoped
public class CsrfTokens {

    public static final String COOKIE = "renewd-csrf";
    public static final String FIELD = "csrf-token";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final byte[] key;

    CsrfTokens(@ConfigProperty(name = "quarkus.oidc.web.credentials.secret") Optional<String> clientSecret) {
        this.key = clientSecret.filter(s -> !s.isBlank()).map(CsrfTokens::derive).orElseGet(() -> {
            byte[] random = new byte[32];
            RANDOM.nextBytes(random);
            return random;
        });
    }

    /** The session's nonce (from its cookie, or a new one) and the token a form of this person carries. */
    public record Session(String nonce, boolean isNew, String token) {

        /** The cookie to set when the nonce is new. */
        public Optional<NewCookie> cookie() {
            return isNew ? Optional.of(new NewCookie.Builder(COOKIE).value(nonce).path("/ui").secure(true).httpOnly(true)
                    .sameSite(NewCookie.SameSite.STRICT).build()) : Optional.empty();
        }
    }

    public Session session(String cookieNonce, String subject) {
        boolean valid = cookieNonce != null && cookieNonce.matches("[A-Za-z0-9_-]{43}");
        String nonce = valid ? cookieNonce : newNonce();
        return new Session(nonce, !valid, nonce + "." + mac(nonce, subject));
    }

    /** Whether a form's token belongs to this cookie's session and this person. */
    public boolean accepts(String cookieNonce, String token, String subject) {
        if (cookieNonce == null || token == null) {
            return false;
        }
        String expected = cookieNonce + "." + mac(cookieNonce, subject);
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8));
    }

    private String mac(String nonce, String subject) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal((nonce + "\n" + subject).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String newNonce() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static byte[] derive(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(("renewd web csrf\n" + secret).getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
