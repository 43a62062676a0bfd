package org.thunderproject.ec2.lifecycle;

import java.io.IOException;
import java.io.InputStream;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A browser's view of the master's notebook, for NotebookTest: Jupyter's password login over HTTPS,
 * trusting only the certificate the master made, and plain GETs (through a tunnel's local end).
 */
final class NotebookBrowser {
    private final Path certificate;

    /** {@code certificate}: where the master keeps its PEM certificate; read at each login. */
    NotebookBrowser(Path certificate) {
        this.certificate = certificate;
    }

    /** POST /login with {@code password}: 302 means logged in. */
    int loginStatus(URI url, String password) throws Exception {
        return login(url, password).status();
    }

    /** GET /api/status after a login attempt with {@code password}. */
    int apiStatusAfterLogin(URI url, String password) throws Exception {
        Login login = login(url, password);
        return login.client()
                .send(
                        HttpRequest.newBuilder(url.resolve("/api/status"))
                                .timeout(Duration.ofSeconds(20))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .statusCode();
    }

    private record Login(HttpClient client, int status) {}

    private Login login(URI url, String password) throws Exception {
        CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
        HttpClient client = HttpClient.newBuilder()
                .sslContext(trustingTheMastersCertificate())
                .cookieHandler(cookies)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        URI login = url.resolve("/login");
        client.send(
                HttpRequest.newBuilder(login).timeout(Duration.ofSeconds(20)).build(),
                HttpResponse.BodyHandlers.discarding());
        String xsrf = cookies.getCookieStore().getCookies().stream()
                .filter(c -> c.getName().equals("_xsrf"))
                .map(HttpCookie::getValue)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no _xsrf cookie from " + login));
        String form = "_xsrf=" + URLEncoder.encode(xsrf, StandardCharsets.UTF_8) + "&password="
                + URLEncoder.encode(password, StandardCharsets.UTF_8);
        int status = client.send(
                        HttpRequest.newBuilder(login)
                                .timeout(Duration.ofSeconds(20))
                                .header("Content-Type", "application/x-www-form-urlencoded")
                                .POST(HttpRequest.BodyPublishers.ofString(form))
                                .build(),
                        HttpResponse.BodyHandlers.discarding())
                .statusCode();
        return new Login(client, status);
    }

    /** An SSL context that trusts the certificate the master made (read from its directory): for this test only. */
    private SSLContext trustingTheMastersCertificate() throws Exception {
        X509Certificate cert;
        try (InputStream in = Files.newInputStream(certificate)) {
            cert = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        trust.setCertificateEntry("master", cert);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, tmf.getTrustManagers(), null);
        return context;
    }

    static HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
        return HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(5))
                .build()
                .send(
                        HttpRequest.newBuilder(uri)
                                .timeout(Duration.ofSeconds(20))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }
}
