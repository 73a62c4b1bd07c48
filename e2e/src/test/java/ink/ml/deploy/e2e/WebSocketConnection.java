package ink.ml.deploy.e2e;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A plain {@code ws://} WebSocket client (RFC 6455) on a JDK socket: the opening handshake, masked
 * text frames out, text/ping/close frames in (fragments joined), pings answered.
 *
 * <p>Why not {@code java.net.http.WebSocket}: its handshake always carries {@code Content-Length:
 * 0}. graphql authenticates the upgrade request proactively, so by the time Quarkus' GraphQL
 * WebSocket handler sees such a request it has already ended, and the handler passes it on to the
 * HTTP endpoint, which answers 405. Browsers and the Vert.x client send no {@code Content-Length}
 * on the upgrade, and neither does this client.
 */
final class WebSocketConnection implements AutoCloseable {
    private static final String ACCEPT_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
    private static final int TEXT = 0x1;
    private static final int CONTINUATION = 0x0;
    private static final int CLOSE = 0x8;
    private static final int PING = 0x9;
    private static final int PONG = 0xA;

    /** What arrives on the connection, on its reader thread. */
    interface Listener {
        void onText(String text);

        /** The server closed (or the socket broke: code 1006). */
        void onClose(int code, String reason);
    }

    private final Socket socket;
    private final OutputStream out;
    private final DataInputStream in;
    private final SecureRandom random = new SecureRandom();
    private volatile boolean closed;

    private WebSocketConnection(Socket socket, DataInputStream in) throws IOException {
        this.socket = socket;
        this.out = socket.getOutputStream();
        this.in = in;
    }

    /**
     * Opens the connection with {@code subprotocol} and extra handshake {@code headers}, then reads
     * frames on a daemon thread until the server closes.
     *
     * @throws IOException when the server does not switch protocols (the message says its status)
     */
    static WebSocketConnection open(
            URI uri, String subprotocol, Map<String, String> headers, Listener listener)
            throws IOException {
        if (!"ws".equals(uri.getScheme())) {
            throw new IllegalArgumentException("uri: only ws:// is supported, got " + uri);
        }
        Socket socket = new Socket(uri.getHost(), uri.getPort());
        socket.setSoTimeout(0);
        byte[] nonce = new byte[16];
        new SecureRandom().nextBytes(nonce);
        String key = Base64.getEncoder().encodeToString(nonce);
        StringBuilder request =
                new StringBuilder()
                        .append("GET ")
                        .append(uri.getRawPath())
                        .append(uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery())
                        .append(" HTTP/1.1\r\n")
                        .append("Host: ")
                        .append(uri.getHost())
                        .append(':')
                        .append(uri.getPort())
                        .append("\r\n")
                        .append("Upgrade: websocket\r\n")
                        .append("Connection: Upgrade\r\n")
                        .append("Sec-WebSocket-Key: ")
                        .append(key)
                        .append("\r\n")
                        .append("Sec-WebSocket-Version: 13\r\n")
                        .append("Sec-WebSocket-Protocol: ")
                        .append(subprotocol)
                        .append("\r\n");
        headers.forEach(
                (name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
        request.append("\r\n");
        socket.getOutputStream().write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
        socket.getOutputStream().flush();

        DataInputStream in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
        String status = readLine(in);
        Map<String, String> response = new LinkedHashMap<>();
        for (String line = readLine(in); !line.isEmpty(); line = readLine(in)) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                response.put(
                        line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        line.substring(colon + 1).trim());
            }
        }
        if (!status.startsWith("HTTP/1.1 101")) {
            socket.close();
            throw new IOException("the WebSocket handshake was answered " + status);
        }
        if (!accept(key).equals(response.get("sec-websocket-accept"))) {
            socket.close();
            throw new IOException("the server's Sec-WebSocket-Accept does not match the key");
        }
        if (!subprotocol.equals(response.get("sec-websocket-protocol"))) {
            socket.close();
            throw new IOException(
                    "the server chose subprotocol " + response.get("sec-websocket-protocol"));
        }
        WebSocketConnection connection = new WebSocketConnection(socket, in);
        Thread reader = new Thread(() -> connection.read(listener), "websocket-reader");
        reader.setDaemon(true);
        reader.start();
        return connection;
    }

    synchronized void sendText(String text) throws IOException {
        send(TEXT, text.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            synchronized (this) {
                send(CLOSE, ByteBuffer.allocate(2).putShort((short) 1000).array());
            }
        } catch (IOException e) {
            // The server went first; the socket closes below anyway.
        }
        try {
            socket.close();
        } catch (IOException e) {
            // Nothing left to release.
        }
    }

    /** One masked frame with FIN set (clients must mask, RFC 6455 §5.3). */
    private void send(int opcode, byte[] payload) throws IOException {
        ByteArrayOutputStream frame = new ByteArrayOutputStream(payload.length + 14);
        frame.write(0x80 | opcode);
        if (payload.length < 126) {
            frame.write(0x80 | payload.length);
        } else if (payload.length <= 0xFFFF) {
            frame.write(0x80 | 126);
            frame.write(payload.length >>> 8);
            frame.write(payload.length & 0xFF);
        } else {
            frame.write(0x80 | 127);
            frame.writeBytes(ByteBuffer.allocate(8).putLong(payload.length).array());
        }
        byte[] mask = new byte[4];
        random.nextBytes(mask);
        frame.writeBytes(mask);
        for (int i = 0; i < payload.length; i++) {
            frame.write(payload[i] ^ mask[i % 4]);
        }
        out.write(frame.toByteArray());
        out.flush();
    }

    private void read(Listener listener) {
        ByteArrayOutputStream message = new ByteArrayOutputStream();
        try {
            while (true) {
                int first = in.readUnsignedByte();
                int second = in.readUnsignedByte();
                boolean fin = (first & 0x80) != 0;
                int opcode = first & 0x0F;
                long length = second & 0x7F;
                if (length == 126) {
                    length = in.readUnsignedShort();
                } else if (length == 127) {
                    length = in.readLong();
                }
                byte[] mask = (second & 0x80) != 0 ? in.readNBytes(4) : null;
                byte[] payload = in.readNBytes(Math.toIntExact(length));
                if (mask != null) {
                    for (int i = 0; i < payload.length; i++) {
                        payload[i] ^= mask[i % 4];
                    }
                }
                switch (opcode) {
                    case TEXT, CONTINUATION -> {
                        message.writeBytes(payload);
                        if (fin) {
                            String text = message.toString(StandardCharsets.UTF_8);
                            message.reset();
                            listener.onText(text);
                        }
                    }
                    case PING -> {
                        synchronized (this) {
                            send(PONG, payload);
                        }
                    }
                    case CLOSE -> {
                        int code =
                                payload.length >= 2
                                        ? ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF)
                                        : 1005;
                        String reason =
                                payload.length > 2
                                        ? new String(
                                                payload,
                                                2,
                                                payload.length - 2,
                                                StandardCharsets.UTF_8)
                                        : "";
                        close();
                        listener.onClose(code, reason);
                        return;
                    }
                    default -> {
                        // Pongs and binary frames carry nothing for this client.
                    }
                }
            }
        } catch (IOException e) {
            if (!closed) {
                closed = true;
                listener.onClose(1006, "connection lost: " + e.getMessage());
            }
        }
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("the server closed the connection during the handshake");
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }

    private static String accept(String key) {
        try {
            return Base64.getEncoder()
                    .encodeToString(
                            MessageDigest.getInstance("SHA-1")
                                    .digest(
                                            (key + ACCEPT_GUID)
                                                    .getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
