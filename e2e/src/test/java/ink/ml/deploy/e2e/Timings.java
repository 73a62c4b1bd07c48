package ink.ml.deploy.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Figures measured during the run, printed and written to a file under {@code target/}; never
 * asserted (tests do not assert on wall-clock time).
 */
final class Timings {
    private final Path file;
    private final Map<String, String> figures = new ConcurrentHashMap<>();

    /** Figures for {@code target/e2e-timings.txt}. */
    Timings() {
        this("e2e-timings.txt");
    }

    /** Figures for {@code target/<fileName>}. */
    Timings(String fileName) {
        this.file = Path.of("target", fileName);
    }

    void record(String name, String value) {
        figures.put(name, value);
        System.out.println("e2e timing: " + name + " = " + value);
    }

    void record(String name, Duration duration) {
        record(name, seconds(duration));
    }

    /** The median of the durations (the mean of the middle two for an even count). */
    static Duration median(List<Duration> durations) {
        List<Duration> sorted = new ArrayList<>(durations);
        sorted.sort(null);
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1
                ? sorted.get(middle)
                : sorted.get(middle - 1).plus(sorted.get(middle)).dividedBy(2);
    }

    static String seconds(Duration duration) {
        return String.format("%.1f s", duration.toMillis() / 1000.0);
    }

    /** Writes every figure, sorted by name, one {@code name = value} per line. */
    void write() {
        List<String> lines =
                figures.entrySet().stream()
                        .sorted(Map.Entry.comparingByKey())
                        .map(entry -> entry.getKey() + " = " + entry.getValue())
                        .toList();
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, lines);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
