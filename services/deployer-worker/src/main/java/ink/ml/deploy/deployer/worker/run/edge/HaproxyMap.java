package ink.ml.deploy.deployer.worker.run.edge;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One HAProxy map (key, space, value, one a line) changed through the runtime API: {@code set map},
 * else {@code add map} for a new key, and {@code del map}, in the running process. HAProxy knows a
 * map by the path of the file its config names.
 *
 * <p>The runtime API does not persist. A map that must survive HAProxy's restart is written back to
 * its file after each change, from HAProxy's table as it then is ({@code show map}), as a whole new
 * file renamed over the old one ({@link AtomicFiles}): a crash mid-write leaves the previous table,
 * never a torn one. A map without a file to keep (the HTTP-01 answers, which live as long as an
 * issuance waits) is changed in HAProxy only.
 *
 * <p>Changes from one instance are serialized: that keeps a key's {@code set}-else-{@code add} from
 * racing another for the same key (two adds would make two entries), and the file's writes in
 * order.
 */
final class HaproxyMap {
    private final HaproxyAdminSocket admin;
    private final String name;
    private final String what;
    private final Optional<String> fileHeader;
    private final ReentrantLock changes = new ReentrantLock();

    /**
     * @param what what the entries are, for messages, e.g. {@code routes}
     * @param fileHeader the comment line the file starts with, or empty when the file is not kept
     */
    HaproxyMap(HaproxyAdminSocket admin, Path file, String what, Optional<String> fileHeader) {
        this.admin = admin;
        this.name = file.toAbsolutePath().toString();
        this.what = what;
        this.fileHeader = fileHeader;
    }

    /** Sets {@code key} to {@code value}, adding it when new; {@code action} says it in errors. */
    void put(String key, String value, String action) {
        String entry = name + " " + key + " " + value;
        changes.lock();
        try {
            String answer = admin.send("set map " + entry);
            if (isNotFound(answer)) {
                // A new key. Only this instance adds, under the lock: no second entry appears.
                answer = admin.send("add map " + entry);
            }
            requireDone(action, answer);
            save();
        } finally {
            changes.unlock();
        }
    }

    /** Removes {@code key}; nothing when it has no entry. */
    void remove(String key, String action) {
        changes.lock();
        try {
            String answer = admin.send("del map " + name + " " + key);
            if (!isNotFound(answer)) {
                requireDone(action, answer);
            }
            save();
        } finally {
            changes.unlock();
        }
    }

    /** The entries HAProxy holds now. */
    Map<String, String> entries() {
        String answer = admin.send("show map " + name);
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
                        "HAProxy did not list the edge's "
                                + what
                                + " in "
                                + name
                                + " (is its config the edge's, with this map file?): "
                                + HaproxyAdminSocket.firstLine(answer));
            }
            table.put(fields[1], fields[2]);
        }
        return Collections.unmodifiableMap(table);
    }

    private void save() {
        if (fileHeader.isEmpty()) {
            return;
        }
        StringBuilder content = new StringBuilder("# " + fileHeader.get() + "\n");
        entries()
                .forEach(
                        (key, value) -> content.append(key).append(' ').append(value).append('\n'));
        Path file = Path.of(name);
        try {
            AtomicFiles.write(file, content.toString());
        } catch (IOException e) {
            throw new EdgeAdminException(
                    "the edge serves the change, but its map file "
                            + file
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
    private void requireDone(String action, String answer) {
        if (!answer.isBlank()) {
            throw new EdgeAdminException(
                    "HAProxy refused to "
                            + action
                            + " in "
                            + name
                            + ": "
                            + HaproxyAdminSocket.firstLine(answer));
        }
    }
}
