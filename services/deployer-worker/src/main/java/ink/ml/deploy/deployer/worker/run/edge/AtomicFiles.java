package ink.ml.deploy.deployer.worker.run.edge;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Files the edge reads at start, written whole or not at all: a new file in the same directory,
 * flushed to disk, then renamed over the old one. A crash mid-write leaves the previous content,
 * never a torn file. Each is readable by its owner only (HAProxy runs as the platform's user): a
 * map routes traffic and a certificate file holds its private key.
 */
final class AtomicFiles {
    private AtomicFiles() {}

    /** Replaces {@code file}'s content with {@code content}; mode 0600 before a byte is written. */
    static void write(Path file, String content) throws IOException {
        Path directory = file.toAbsolutePath().getParent();
        Path next = null;
        try {
            next =
                    Files.createTempFile(
                            directory,
                            ".edge-",
                            ".tmp",
                            PosixFilePermissions.asFileAttribute(
                                    PosixFilePermissions.fromString("rw-------")));
            try (FileChannel channel = FileChannel.open(next, StandardOpenOption.WRITE)) {
                channel.write(ByteBuffer.wrap(content.getBytes(StandardCharsets.UTF_8)));
                channel.force(true);
            }
            Files.move(
                    next,
                    file,
                    StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
            next = null;
        } finally {
            if (next != null) {
                Files.deleteIfExists(next);
            }
        }
    }
}
