package ink.ml.deploy.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * Requests to the local edge as a browser sends them to {@code http://{host}:{port}/}: to loopback,
 * with the app's hostname in {@code Host}. A raw HTTP/1.1 exchange, because the JDK's clients
 * refuse to set {@code Host} and do not resolve {@code *.localhost} (curl and browsers do, RFC
 * 6761).
 */
record EdgeClient(int port) {
    private static final int TIMEOUT_MILLIS = 5_000;

    record Reply(int status, String body) {}

    Reply get(String hostname) throws IOException {
        return get(hostname, "/");
    }

    /**
     * @param path the request target, e.g. {@code /cgi-bin/say?hello}
     */
    Reply get(String hostname, String path) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(TIMEOUT_MILLIS);
            OutputStream out = socket.getOutputStream();
            out.write(
                    ("GET "
                                    + path
                                    + " HTTP/1.1\r\nHost: "
                                    + hostname
                                    + "\r\nConnection: close\r\nUser-Agent: e2e\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String response = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            int lineEnd = response.indexOf("\r\n");
            if (!response.startsWith("HTTP/1.") || lineEnd < 0) {
                throw new IOException("not an HTTP response: " + abbreviate(response));
            }
            int status = Integer.parseInt(response.substring(9, 12));
            int headersEnd = response.indexOf("\r\n\r\n");
            String body = headersEnd < 0 ? "" : response.substring(headersEnd + 4);
            return new Reply(status, body);
        }
    }

    /** The reply, or status 0 with the failure's text when the exchange itself failed. */
    Reply getQuietly(String hostname) {
        return getQuietly(hostname, "/");
    }

    /** The reply to {@code path}, or status 0 with the failure's text. */
    Reply getQuietly(String hostname, String path) {
        try {
            return get(hostname, path);
        } catch (IOException | RuntimeException e) {
            return new Reply(0, e.toString());
        }
    }

    private static String abbreviate(String text) {
        return text.length() > 200 ? text.substring(0, 200) + "…" : text;
    }
}
