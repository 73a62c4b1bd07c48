package ink.ml.deploy.domain;

import java.util.regex.Pattern;

/**
 * The product plane's id of one deployment. It is written onto the pods, so that a redeploy with
 * the same image but new variables still rolls the pods, and names the workflow {@code
 * deploy-{id}}.
 */
public record DeploymentId(String value) {
    private static final Pattern SHAPE = Pattern.compile("[a-z0-9]([-a-z0-9]{0,62})");

    public DeploymentId {
        if (value == null || !SHAPE.matcher(value).matches()) {
            throw new InvalidValueException(
                    "deploymentId", "must be 1 to 63 lowercase letters, digits and '-'");
        }
    }

    public static DeploymentId of(String value) {
        return new DeploymentId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
