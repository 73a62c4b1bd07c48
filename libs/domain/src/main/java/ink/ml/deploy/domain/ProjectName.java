package ink.ml.deploy.domain;

/**
 * A project name chosen by the user: a DNS-1123 label of at most 24 characters.
 *
 * <p>Why 24: the project becomes part of the namespace {@code dp-{user}-{project}} (at most 3 + 12
 * + 1 + 24 = 40 of the 63 a namespace may have) and of the platform hostname label {@code
 * {service}-{project}-{user}} (24 + 1 + 24 + 1 + 12 = 62 of the 63 a DNS label may have).
 */
public record ProjectName(String value) {
    public static final int MAX_LENGTH = 24;

    public ProjectName {
        DnsLabel.requireRfc1123("project", value, MAX_LENGTH);
    }

    public static ProjectName of(String value) {
        return new ProjectName(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
