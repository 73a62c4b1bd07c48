package ink.ml.deploy.platform.domains;

import ink.ml.deploy.domain.InvalidValueException;
import java.util.Optional;

/**
 * What a DNS check found for one record: its outcome and the value it saw (the TXT strings or the
 * CNAME target), empty when nothing was there.
 */
public record RecordCheck(RecordStatus status, Optional<String> found) {
    public RecordCheck {
        if (status == null || status == RecordStatus.PENDING) {
            throw new InvalidValueException(
                    "status", "a check's outcome is ok, missing, wrong or error");
        }
        found = found == null ? Optional.empty() : found.filter(f -> !f.isBlank());
    }

    public static RecordCheck ok(String found) {
        return new RecordCheck(RecordStatus.OK, Optional.ofNullable(found));
    }

    public static RecordCheck missing() {
        return new RecordCheck(RecordStatus.MISSING, Optional.empty());
    }

    public static RecordCheck wrong(String found) {
        return new RecordCheck(RecordStatus.WRONG, Optional.ofNullable(found));
    }

    public static RecordCheck error() {
        return new RecordCheck(RecordStatus.ERROR, Optional.empty());
    }

    boolean ok() {
        return status == RecordStatus.OK;
    }
}
