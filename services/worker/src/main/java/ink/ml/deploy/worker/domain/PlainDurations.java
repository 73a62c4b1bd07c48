package ink.ml.deploy.worker.domain;

import java.time.Duration;

/** A duration as a person reads it in a message: "45 s", "30 min", "72 h". */
final class PlainDurations {
    private PlainDurations() {}

    static String of(Duration duration) {
        long seconds = duration.toSeconds();
        if (seconds >= 3600 && seconds % 3600 == 0) {
            return seconds / 3600 + " h";
        }
        if (seconds >= 60 && seconds % 60 == 0) {
            return seconds / 60 + " min";
        }
        return seconds + " s";
    }
}
