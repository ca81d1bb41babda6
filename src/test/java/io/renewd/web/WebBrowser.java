package io.renewd.web;

import io.renewd.testing.TestTls;
import org.htmlunit.FailingHttpStatusCodeException;
import org.htmlunit.HttpMethod;
import org.htmlunit.Page;
import org.htmlunit.WebClient;
import org.htmlunit.WebRequest;
import org.htmlunit.html.HtmlPage;
import org.htmlunit.http.Cookie;
import org.htmlunit.util.NameValuePair;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A headless browser (HtmlUnit) for renewd's web inventory: signs in on Keycloak's own login form, as a person would,
 * trusting renewd's test certificate only.
 */
final class WebBrowser implements AutoCloseable {

    private final WebClient client = new WebClient();

    WebBrowser() {
        client.getOptions().setJavaScriptEnabled(false);
        client.getOptions().setCssEnabled(false);
        client.getOptions().setRedirectEnabled(true);
        client.getOptions().setThrowExceptionOnFailingStatusCode(false);
        try {
            client.getOptions().setSSLTrustStore(trustStore().toUri().toURL(), "changeit", "PKCS12");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** renewd's HTTPS origin in tests. */
    static String origin() {
        return "https://localhost:" + System.getProperty("quarkus.http.test-ssl-port", "8444");
    }

    /** Opens {@code path}, is sent to Keycloak's login form, signs in and lands back on the page. */
    HtmlPage signIn(String user, String path) throws IOException {
        Page landed = signInTo(user, path);
        if (!(landed instanceof HtmlPage page)) {
            throw new IllegalStateException("signing in as " + user + " ended at " + landed.getUrl() + ": " + landed.getWebResponse().getContentAsString());
        }
        return page;
    }

    /** As {@link #signIn}, whatever renewd answers once signed in (a page or not). */
    Page signInTo(String user, String path) throws IOException {
        HtmlPage login = client.getPage(origin() + path);
        if (!login.getUrl().toString().contains("/protocol/openid-connect/auth")) {
            throw new IllegalStateException("not sent to Keycloak's login form but to " + login.getUrl());
        }
        takeIdentityProviderCookiesOverHttp(login.getUrl().getHost());
        login.getHtmlElementById("username").type(user);
        login.getHtmlElementById("password").type(user);
        Page landed = login.getHtmlElementById("kc-login").click();
        if (!landed.getUrl().toString().startsWith(origin())) {
            throw new IllegalStateException("signing in as " + user + " ended at " + landed.getUrl() + ": "
                    + (landed instanceof HtmlPage html ? html.asNormalizedText() : landed.getWebResponse().getContentAsString()));
        }
        return landed;
    }

    /**
     * Keycloak in dev mode serves plain HTTP on 127.0.0.1; HtmlUnit files its login cookies as Secure (SameSite=None)
     * and would not send them back over HTTP, where Chromium would (a loopback address is a secure context). The
     * identity provider's cookies lose the flag here; renewd's own (HTTPS) keep theirs.
     */
    private void takeIdentityProviderCookiesOverHttp(String host) {
        for (Cookie cookie : new ArrayList<>(client.getCookieManager().getCookies())) {
            if (cookie.getDomain().equals(host) && cookie.isSecure()) {
                client.getCookieManager().removeCookie(cookie);
                client.getCookieManager().addCookie(new Cookie(cookie.getDomain(), cookie.getName(), cookie.getValue(), cookie.getPath(),
                        cookie.getExpires(), false, cookie.isHttpOnly(), "lax"));
            }
        }
    }

    HtmlPage open(String path) throws IOException {
        return client.getPage(origin() + path);
    }

    /** A page that may not be HTML (a download, an error). */
    Page fetch(String path) throws IOException {
        return client.getPage(origin() + path);
    }

    /** A POST the page did not offer (a forged one), with the browser's cookies; redirects are not followed. */
    Page post(String path, Map<String, String> form) throws IOException {
        WebRequest request = new WebRequest(new URL(origin() + path), HttpMethod.POST);
        List<NameValuePair> parameters = new ArrayList<>();
        form.forEach((name, value) -> parameters.add(new NameValuePair(name, value)));
        request.setRequestParameters(parameters);
        client.getOptions().setRedirectEnabled(false);
        try {
            return client.getPage(request);
        } catch (FailingHttpStatusCodeException e) {
            return e.getResponse() == null ? null : client.getCurrentWindow().getEnclosedPage();
        } finally {
            client.getOptions().setRedirectEnabled(true);
        }
    }

    /** The CSRF token the page's forms carry (the layout's meta element). */
    String csrfToken(HtmlPage page) {
        String xml = page.asXml();
        java.util.regex.Matcher token = java.util.regex.Pattern.compile("name=\"csrf-token\" content=\"([^\"]+)\"").matcher(xml);
        if (token.find()) {
            return token.group(1);
        }
        throw new IllegalStateException("no CSRF token on " + page.getUrl());
    }

    Cookie cookie(String name) {
        return client.getCookieManager().getCookie(name);
    }

    List<Cookie> cookies() {
        return new ArrayList<>(client.getCookieManager().getCookies());
    }

    @Override
    public void close() {
        client.close();
    }

    /** A trust store (PKCS#12, password changeit) of renewd's test certificate. */
    static Path trustStore() throws IOException {
        Path file = Path.of("target", "test-tls", ProcessHandle.current().pid() + "-web-truststore.p12");
        if (!Files.exists(file)) {
            try (OutputStream out = Files.newOutputStream(file)) {
                TestTls.localhost().trustStore().store(out, "changeit".toCharArray());
            } catch (java.security.GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
        return file;
    }
}
