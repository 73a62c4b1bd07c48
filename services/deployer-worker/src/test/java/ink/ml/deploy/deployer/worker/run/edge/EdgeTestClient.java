package ink.ml.deploy.deployer.worker.run.edge;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * An HTTP/1.1 client on plain sockets that sends any {@code Host}, as a browser does for {@code
 * http://web-demo-local.localhost:8080/}. The JDK's clients refuse to set {@code Host} (a
 * restricted header) and Java does not resolve {@code *.localhost}, so they cannot stand in.
 *
 * <p>It keeps its connection alive between requests. Like browsers and curl, it sends an idempotent
 * request again, once, on a new connection when a kept-alive connection turns out to be closed
 * before any byte of the answer (the server may close an idle connection at any time); {@link
 * #retries()} counts those.
 */
final class EdgeTestClient implements AutoCloseable {
    private final int port;
    private Socket socket;
    private InputStream in;
    private OutputStream out;
    private int retries;

    EdgeTestClient(int port) {
        this.port = port;
    }

    record Response(int status, Map<String, String> headers, String body) {}

    /** {@code GET path} with {@code Host: host}. */
    Response get(String host, String path) throws IOException {
        return get(host, path, "");
    }

    /**
     * {@code GET path} with {@code Host: host} and {@code extraHeaders} ("Name: value\r\n" each).
     */
    Response get(String host, String path, String extraHeaders) throws IOException {
        try {
            return exchange(host, path, extraHeaders);
        } catch (StaleConnection e) {
            close();
            retries++;
            return exchange(host, path, extraHeaders);
        } catch (IOException e) {
            close();
            throw e;
        }
    }

    /** Requests sent again because their connection was closed or reset before the answer. */
    int retries() {
        return retries;
    }

    /**
     * Sends {@code GET path} on a connection of its own and returns once the status line and
     * headers are in: the body is read chunk by chunk from the result.
     */
    static Streamed stream(int port, String host, String path) throws IOException {
        Socket socket = connect(port);
        InputStream in = new BufferedInputStream(socket.getInputStream());
        socket.getOutputStream()
                .write(request(host, path, "close").getBytes(StandardCharsets.US_ASCII));
        int status = status(readLine(in));
        Map<String, String> headers = headers(in);
        return new Streamed(socket, in, status, headers);
    }

    /** A response whose body is still arriving (chunked). */
    static final class Streamed implements AutoCloseable {
        private final Socket socket;
        private final InputStream in;
        final int status;
        final Map<String, String> headers;

        private Streamed(Socket socket, InputStream in, int status, Map<String, String> headers) {
            this.socket = socket;
            this.in = in;
            this.status = status;
            this.headers = headers;
        }

        /** The next chunk's data, waiting for it; empty at the end of the body. */
        String nextChunk() throws IOException {
            int size = Integer.parseInt(readLine(in).split(";")[0].trim(), 16);
            byte[] data = in.readNBytes(size);
            readLine(in);
            return new String(data, StandardCharsets.UTF_8);
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    /**
     * Opens a WebSocket to {@code path} with {@code Host: host}, sends {@code message} as a text
     * frame and returns the first text frame that comes back.
     */
    static String websocketRoundTrip(int port, String host, String path, String message)
            throws Exception {
        try (WebSocket socket = openWebSocket(port, host, path)) {
            return socket.roundTrip(message);
        }
    }

    /** Opens a WebSocket to {@code path} with {@code Host: host}; it stays open until closed. */
    static WebSocket openWebSocket(int port, String host, String path) throws Exception {
        Socket socket = connect(port);
        try {
            InputStream in = new BufferedInputStream(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            byte[] nonce = new byte[16];
            new java.security.SecureRandom().nextBytes(nonce);
            String key = Base64.getEncoder().encodeToString(nonce);
            out.write(
                    ("GET "
                                    + path
                                    + " HTTP/1.1\r\nHost: "
                                    + host
                                    + "\r\nUpgrade: websocket\r\n"
                                    + "Connection: Upgrade\r\nSec-WebSocket-Key: "
                                    + key
                                    + "\r\n"
                                    + "Sec-WebSocket-Version: 13\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
            int status = status(readLine(in));
            Map<String, String> headers = headers(in);
            if (status != 101) {
                throw new IOException("the upgrade was answered " + status);
            }
            String accept =
                    Base64.getEncoder()
                            .encodeToString(
                                    MessageDigest.getInstance("SHA-1")
                                            .digest(
                                                    (key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11")
                                                            .getBytes(StandardCharsets.US_ASCII)));
            if (!accept.equals(headers.get("sec-websocket-accept"))) {
                throw new IOException("wrong Sec-WebSocket-Accept: " + headers);
            }
            return new WebSocket(socket, in, out);
        } catch (Exception e) {
            socket.close();
            throw e;
        }
    }

    /** An open WebSocket through the edge. */
    static final class WebSocket implements AutoCloseable {
        private final Socket socket;
        private final InputStream in;
        private final OutputStream out;

        private WebSocket(Socket socket, InputStream in, OutputStream out) {
            this.socket = socket;
            this.in = in;
            this.out = out;
        }

        /** Sends {@code message} as a text frame and returns the next text frame received. */
        String roundTrip(String message) throws IOException {
            // A client's frame is masked (RFC 6455 §5.3); short text, so a one-byte length.
            byte[] payload = message.getBytes(StandardCharsets.UTF_8);
            byte[] mask = {1, 2, 3, 4};
            ByteArrayOutputStream frame = new ByteArrayOutputStream();
            frame.write(0x81);
            frame.write(0x80 | payload.length);
            frame.write(mask);
            for (int i = 0; i < payload.length; i++) {
                frame.write(payload[i] ^ mask[i % 4]);
            }
            out.write(frame.toByteArray());
            out.flush();
            int first = in.read();
            if (first < 0) {
                throw new EOFException("the WebSocket was closed");
            }
            int opcode = first & 0x0f;
            int length = in.read() & 0x7f;
            if (opcode != 1 || length >= 126) {
                throw new IOException("unexpected frame: opcode " + opcode + ", length " + length);
            }
            return new String(in.readNBytes(length), StandardCharsets.UTF_8);
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    private Response exchange(String host, String path, String extraHeaders) throws IOException {
        if (socket == null) {
            socket = connect(port);
            in = new BufferedInputStream(socket.getInputStream());
            out = socket.getOutputStream();
        }
        String statusLine;
        try {
            String request = request(host, path, "keep-alive");
            out.write(
                    (request.substring(0, request.length() - 2) + extraHeaders + "\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            int first = in.read();
            if (first < 0) {
                throw new StaleConnection("closed before the answer");
            }
            statusLine = (char) first + readLine(in);
        } catch (StaleConnection e) {
            throw e;
        } catch (IOException e) {
            throw new StaleConnection(e.toString());
        }
        int status = status(statusLine);
        Map<String, String> headers = headers(in);
        String body;
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            body = chunkedBody(in);
        } else if (headers.containsKey("content-length")) {
            body =
                    new String(
                            in.readNBytes(Integer.parseInt(headers.get("content-length"))),
                            StandardCharsets.UTF_8);
        } else {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            close();
        }
        if ("close".equalsIgnoreCase(headers.get("connection"))) {
            close();
        }
        return new Response(status, headers, body);
    }

    private static String request(String host, String path, String connection) {
        return "GET "
                + path
                + " HTTP/1.1\r\nHost: "
                + host
                + "\r\nConnection: "
                + connection
                + "\r\n\r\n";
    }

    private static Socket connect(int port) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        socket.setSoTimeout(30_000);
        socket.setTcpNoDelay(true);
        return socket;
    }

    private static int status(String statusLine) throws IOException {
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
            throw new IOException("not an HTTP answer: " + statusLine);
        }
        return Integer.parseInt(parts[1]);
    }

    private static Map<String, String> headers(InputStream in) throws IOException {
        Map<String, String> headers = new LinkedHashMap<>();
        for (String line = readLine(in); !line.isEmpty(); line = readLine(in)) {
            int colon = line.indexOf(':');
            headers.put(
                    line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
                    line.substring(colon + 1).trim());
        }
        return headers;
    }

    private static String chunkedBody(InputStream in) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            int size = Integer.parseInt(readLine(in).split(";")[0].trim(), 16);
            if (size == 0) {
                while (!readLine(in).isEmpty()) {
                    // Trailers, if any.
                }
                return body.toString(StandardCharsets.UTF_8);
            }
            body.write(in.readNBytes(size));
            readLine(in);
        }
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new EOFException("connection closed mid-answer after \"" + line + "\"");
            }
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException e) {
                // Closing anyway.
            }
            socket = null;
        }
    }

    /** The kept-alive connection was closed before any byte of the answer. */
    private static final class StaleConnection extends IOException {
        StaleConnection(String message) {
            super(message);
        }
    }
}
