package ink.ml.deploy.deployer.worker.run.edge;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

/**
 * HAProxy's runtime API on its admin Unix socket ({@code stats socket … level admin}): one command
 * per connection, answered in text, after which HAProxy closes the connection. Every call has a
 * deadline, so that a stuck HAProxy cannot hang a deploy.
 */
final class HaproxyAdminSocket {
    private final Path socket;
    private final Duration timeout;

    HaproxyAdminSocket(Path socket, Duration timeout) {
        this.socket = socket;
        this.timeout = timeout;
    }

    Path path() {
        return socket;
    }

    /**
     * Sends {@code command} (one line, no line break) and returns HAProxy's whole answer.
     *
     * @throws EdgeAdminException when the socket does not answer within the timeout
     */
    String send(String command) {
        return exchange(command, command + "\n");
    }

    private String exchange(String command, String text) {
        if (command.indexOf('\n') >= 0 || command.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("an admin command is one line");
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
                Selector selector = Selector.open()) {
            // A Unix socket connects at once or fails: no backlog wait worth a deadline.
            channel.connect(UnixDomainSocketAddress.of(socket));
            ByteBuffer out = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
            while (out.hasRemaining()) {
                channel.write(out);
            }
            channel.configureBlocking(false);
            channel.register(selector, SelectionKey.OP_READ);
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            ByteBuffer in = ByteBuffer.allocate(16 * 1024);
            while (true) {
                long left = deadline - System.nanoTime();
                if (left <= 0 || selector.select(Math.max(1, left / 1_000_000)) == 0) {
                    if (System.nanoTime() >= deadline) {
                        throw new EdgeAdminException(
                                "HAProxy's admin socket "
                                        + socket
                                        + " did not answer \""
                                        + verb(command)
                                        + "\" within "
                                        + timeout);
                    }
                    continue;
                }
                selector.selectedKeys().clear();
                int read = channel.read(in);
                if (read < 0) {
                    return answer.toString(StandardCharsets.UTF_8);
                }
                answer.write(in.array(), 0, in.position());
                in.clear();
            }
        } catch (IOException e) {
            throw new EdgeAdminException(
                    "HAProxy's admin socket "
                            + socket
                            + " does not answer (is the edge running?): "
                            + e.getMessage(),
                    e);
        }
    }

    /**
     * Sends {@code command} with a multi-line {@code payload} (HAProxy's {@code <<} syntax: the
     * payload follows the command's line and ends at the first empty line), e.g. a PEM for {@code
     * set ssl cert}. The payload must hold no empty line.
     */
    String send(String command, String payload) {
        String body = payload.strip().replace("\r\n", "\n");
        if (body.isEmpty() || body.contains("\n\n")) {
            throw new IllegalArgumentException("a payload is lines without an empty one");
        }
        return exchange(command, command + " <<\n" + body + "\n\n");
    }

    /** The first line of an answer, short enough for a message. */
    static String firstLine(String answer) {
        String line = answer.strip().lines().findFirst().orElse("(no answer)");
        return line.length() > 200 ? line.substring(0, 200) + "…" : line;
    }

    /** The command's first two words, e.g. {@code set map}: enough to say which call failed. */
    private static String verb(String command) {
        String[] words = command.split(" ", 3);
        return words.length >= 2 ? words[0] + " " + words[1] : words[0];
    }
}
