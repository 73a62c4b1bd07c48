package ink.ml.deploy.platform.webhooks;

import ink.ml.deploy.domain.InvalidValueException;

/** Who sends push webhooks (column {@code webhook_deliveries.source}). */
public enum WebhookSource {
    GITHUB("github"),
    GIT_SERVER("git-server");

    private final String value;

    WebhookSource(String value) {
        this.value = value;
    }

    public String value() {
        return value;
    }

    public static WebhookSource of(String value) {
        for (WebhookSource source : values()) {
            if (source.value.equals(value)) {
                return source;
            }
        }
        throw new InvalidValueException("source", "must be github or git-server");
    }
}
