package ink.ml.deploy.deployer.worker.run.edge;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import org.jboss.logging.Logger;

/**
 * {@link EdgeRoutes} on HAProxy: the routes are an HAProxy map (host name to {@code ip:port}) that
 * the edge's config looks each request's Host up in, changed through HAProxy's runtime API on its
 * admin socket. A change is made in the running process, without a reload: the listener, the
 * connections (kept-alive ones, WebSockets, streams) and every other route are untouched, and a
 * request for the host sees the old upstream or the new one, never none ({@code set map} replaces
 * the value in place).
 *
 * <p>HAProxy is a separate process: it keeps serving its table while the platform is down. The
 * runtime API does not persist, so each change also rewrites the map file HAProxy reads at start (a
 * whole new file renamed over the old one, so a crash mid-write leaves the previous table, never a
 * torn one): after HAProxy's own restart the apps answer again before the platform is back. The
 * file is written from HAProxy's table as it is after the change ({@code show map}), so it holds
 * what HAProxy serves.
 *
 * <p>Changes from one instance are serialized. That keeps a host's {@code set map}-else-{@code add
 * map} from racing another for the same host (two adds would make two entries), and the map file's
 * writes in order. One process changes the routes (the deployer-worker); a second writer would be
 * safe for the running table ({@code set map} sets every entry of a host) but not for the file.
 */
public final class HaproxyEdgeRoutes implements EdgeRoutes {
    private static final Logger LOG = Logger.getLogger(HaproxyEdgeRoutes.class);

    private final HaproxyAdminSocket admin;
    private final Path mapFile;
    private final String mapName;
    private final ReentrantLock changes = new ReentrantLock();

    /**
     * @param adminSocket HAProxy's admin socket ({@code stats socket … level admin})
     * @param mapFile the map file named in HAProxy's config; HAProxy also knows the map by this
     *     path
     * @param adminTimeout the longest one admin call may take
     */
    public HaproxyEdgeRoutes(Path adminSocket, Path mapFile, Duration adminTimeout) {
        this.admin = new HaproxyAdminSocket(adminSocket, adminTimeout);
        this.mapFile = mapFile.toAbsolutePath();
        this.mapName = this.mapFile.toString();
    }

    /** From the deployer-worker's settings. */
    public static HaproxyEdgeRoutes from(EdgeConfig edge) {
        return new HaproxyEdgeRoutes(
                Path.of(edge.adminSocket()), Path.of(edge.mapFile()), edge.adminTimeout());
    }

    @Override
    public void route(String hostname, String upstream) {
        EdgeRoute route = new EdgeRoute(hostname, upstream);
        String entry = mapName + " " + route.hostname() + " " + route.upstream();
        changes.lock();
        try {
            String answer = admin.send("set map " + entry);
            if (isNotFound(answer)) {
                // A new host. Only this instance adds, under the lock: no second entry appears.
                answer = admin.send("add map " + entry);
            }
            requireDone("route " + route.hostname(), answer);
            save();
        } finally {
            changes.unlock();
        }
        LOG.infof("edge: %s → %s", route.hostname(), route.upstream());
    }

    @Override
    public void remove(String hostname) {
        String name = EdgeRoute.hostname(hostname);
        changes.lock();
        try {
            String answer = admin.send("del map " + mapName + " " + name);
            if (!isNotFound(answer)) {
                requireDone("remove " + name, answer);
            }
            save();
        } finally {
            changes.unlock();
        }
        LOG.infof("edge: %s removed", name);
    }

    @Override
    public Map<String, String> routes() {
        String answer = admin.send("show map " + mapName);
        Map<String, String> table = new LinkedHashMap<>();
        for (String line : answer.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            // "<entry id> <key> <value>", e.g. "0x55d1c0a1b2c0 web-demo-local.localhost
            // 172.18.0.5:8080"
            String[] fields = line.trim().split(" ");
            if (fields.length != 3 || !fields[0].startsWith("0x")) {
                throw new EdgeAdminException(
                        "HAProxy did not list the edge's routes in "
                                + mapName
                                + " (is its config the edge's, with this map file?): "
                                + firstLine(answer));
            }
            table.put(fields[1], fields[2]);
        }
        return Collections.unmodifiableMap(table);
    }

    /** The map file: HAProxy's table after the change, in a new file renamed over the old. */
    private void save() {
        StringBuilder content =
                new StringBuilder(
                        "# The edge's routes (host name, upstream), written by the platform after"
                                + " each change.\n");
        routes().forEach(
                        (host, upstream) ->
                                content.append(host).append(' ').append(upstream).append('\n'));
        Path directory = mapFile.getParent();
        Path next = null;
        try {
            next = Files.createTempFile(directory, ".routes-", ".map");
            try (FileChannel channel = FileChannel.open(next, StandardOpenOption.WRITE)) {
                channel.write(
                        java.nio.ByteBuffer.wrap(
                                content.toString().getBytes(StandardCharsets.UTF_8)));
                channel.force(true);
            }
            Files.move(
                    next,
                    mapFile,
                    StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            deleteQuietly(next);
            throw new EdgeAdminException(
                    "the edge serves the change, but its map file "
                            + mapFile
                            + " could not be written, so an HAProxy restart would lose it: "
                            + e.getMessage(),
                    e);
        }
    }

    /**
     * HAProxy's answer to set/del of a key it does not have ("entry not found.", "Key not found.").
     */
    private static boolean isNotFound(String answer) {
        return answer.toLowerCase(Locale.ROOT).contains("not found");
    }

    /** A change HAProxy made answers nothing; anything else says why it did not. */
    private void requireDone(String what, String answer) {
        if (!answer.isBlank()) {
            throw new EdgeAdminException(
                    "HAProxy refused to " + what + " in " + mapName + ": " + firstLine(answer));
        }
    }

    private static String firstLine(String answer) {
        String line = answer.strip().lines().findFirst().orElse("(no answer)");
        return line.length() > 200 ? line.substring(0, 200) + "…" : line;
    }

    private static void deleteQuietly(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // The temporary file stays; the next change writes another.
        }
    }
}
