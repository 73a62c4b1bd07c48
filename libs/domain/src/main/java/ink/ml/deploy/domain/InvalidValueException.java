package ink.ml.deploy.domain;

/**
 * A value from outside (API input, config, a webhook) broke a rule. Carries the field and the rule
 * so every adapter can answer with an error that names both, never with a stack trace.
 */
public final class InvalidValueException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String field;
    private final String rule;

    public InvalidValueException(String field, String rule) {
        super(field + ": " + rule);
        this.field = field;
        this.rule = rule;
    }

    /** The input field that was rejected, e.g. {@code project} or {@code domain}. */
    public String field() {
        return field;
    }

    /** The rule it broke, written for the person who sent it. */
    public String rule() {
        return rule;
    }
}
