package ink.ml.deploy.deployer.worker.run.edge;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Locale;

/**
 * An app that speaks WebSocket (RFC 6455) on plain sockets: it accepts the upgrade and answers each
 * short text message with {@code "<name> echoes <message>"}. Plain sockets rather than Vert.x: a
 * Quarkus test in the same JVM sets {@code vertx.disableWebsockets}, which turns WebSockets off in
 * every Vert.x server made after it.
 */
final class TestWebSocketEcho implements AutoCloseable {
    private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    private final ServerSocket server;
    private final String name;
    private final Thread acceptor;

    private TestWebSocketEcho(String name) throws IOException {
        this.name = name;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.acceptor = new Thread(this::acceptLoop, "websocket-echo-" + name);
        acceptor.setDaemon(true);
        acceptor.start();
    }

    static TestWebSocketEcho start(String name) throws IOException {
        return new TestWebSocketEcho(name);
    }

    /** {@code 127.0.0.1:<port>}, as the edge dials it. */
    String address() {
        return "127.0.0.1:" + server.getLocalPort();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                Thread connection = new Thread(() -> serve(socket), "websocket-echo-connection");
                connection.setDaemon(true);
                connection.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            InputStream in = new BufferedInputStream(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            String key = null;
            for (String line = readLine(in); !line.isEmpty(); line = readLine(in)) {
                if (line.toLowerCase(Locale.ROOT).startsWith("sec-websocket-key:")) {
                    key = line.substring(line.indexOf(':') + 1).trim();
                }
            }
            if (key == null) {
                out.write(
                        "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n"
                                .getBytes(StandardCharsets.US_ASCII));
                return;
            }
            String accept =
                    Base64.getEncoder()
                            .encodeToString(
                                    MessageDigest.getInstance("SHA-1")
                                            .digest(
                                                    (key + GUID)
                                                            .getBytes(StandardCharsets.US_ASCII)));
            out.write(
                    ("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                                    + "Sec-WebSocket-Accept: "
                                    + accept
                                    + "\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
            while (true) {
                int first = in.read();
                if (first < 0 || (first & 0x0f) == 0x8) {
                    return;
                }
                int second = in.read();
                int length = second & 0x7f;
                byte[] mask = in.readNBytes(4);
                byte[] payload = in.readNBytes(length);
                for (int i = 0; i < payload.length; i++) {
                    payload[i] ^= mask[i % 4];
                }
                byte[] reply =
                        (name + " echoes " + new String(payload, StandardCharsets.UTF_8))
                                .getBytes(StandardCharsets.UTF_8);
                ByteArrayOutputStream frame = new ByteArrayOutputStream();
                frame.write(0x81);
                frame.write(reply.length);
                frame.write(reply);
                out.write(frame.toByteArray());
                out.flush();
            }
        } catch (Exception e) {
            // The client went away: nothing to answer.
        }
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new IOException("closed");
            }
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
