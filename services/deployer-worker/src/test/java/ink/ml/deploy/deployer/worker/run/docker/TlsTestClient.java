package ink.ml.deploy.deployer.worker.run.docker;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * One HTTPS request to the edge on 127.0.0.1 for a name no resolver knows, as {@code curl --resolve
 * app.example.test:<port>:127.0.0.1}: the TLS session names the domain (SNI) and, when verifying,
 * the certificate must chain to the given root and be for that domain.
 */
final class TlsTestClient {
    private TlsTestClient() {}

    record Answer(int status, String body, String certificateSubject) {}

    /** {@code GET path} over TLS verified against {@code trustedRootPem} alone. */
    static Answer get(int port, String domain, String path, String trustedRootPem)
            throws IOException, GeneralSecurityException {
        return get(port, domain, path, trusting(trustedRootPem), true);
    }

    /** {@code GET path} over TLS taking any certificate, to see which one the edge serves. */
    static Answer getUnverified(int port, String domain, String path)
            throws IOException, GeneralSecurityException {
        SSLContext any = SSLContext.getInstance("TLS");
        any.init(null, new TrustManager[] {new AnyCertificate()}, null);
        return get(port, domain, path, any, false);
    }

    /** {@code GET path} over plain HTTP with {@code Host: host}; no certificate, so no subject. */
    static Answer plainGet(int port, String host, String path) throws IOException {
        try (Socket plain = new Socket()) {
            plain.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            plain.setSoTimeout(10_000);
            return exchange(plain, host, path, "");
        }
    }

    private static Answer get(
            int port, String domain, String path, SSLContext context, boolean verify)
            throws IOException {
        Socket plain = new Socket();
        plain.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        plain.setSoTimeout(10_000);
        try (SSLSocket tls =
                (SSLSocket) context.getSocketFactory().createSocket(plain, domain, port, true)) {
            SSLParameters parameters = tls.getSSLParameters();
            parameters.setServerNames(List.of(new SNIHostName(domain)));
            if (verify) {
                parameters.setEndpointIdentificationAlgorithm("HTTPS");
            }
            tls.setSSLParameters(parameters);
            tls.startHandshake();
            String subject =
                    ((X509Certificate) tls.getSession().getPeerCertificates()[0])
                            .getSubjectX500Principal()
                            .getName();
            return exchange(tls, domain, path, subject);
        }
    }

    private static Answer exchange(Socket socket, String host, String path, String subject)
            throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(
                ("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        String answer = readAll(socket.getInputStream());
        int headersEnd = answer.indexOf("\r\n\r\n");
        String statusLine = answer.substring(0, answer.indexOf("\r\n"));
        return new Answer(
                Integer.parseInt(statusLine.split(" ")[1]),
                answer.substring(headersEnd + 4),
                subject);
    }

    private static SSLContext trusting(String rootPem)
            throws GeneralSecurityException, IOException {
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        store.setCertificateEntry(
                "root",
                CertificateFactory.getInstance("X.509")
                        .generateCertificate(
                                new java.io.ByteArrayInputStream(
                                        rootPem.getBytes(StandardCharsets.US_ASCII))));
        TrustManagerFactory trust =
                TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }

    private static String readAll(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        in.transferTo(all);
        return all.toString(StandardCharsets.UTF_8);
    }

    /** Takes any certificate: only to look at the one served, never to trust it. */
    private static final class AnyCertificate implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
