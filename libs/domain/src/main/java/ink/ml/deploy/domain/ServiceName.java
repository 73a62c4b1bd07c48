package ink.ml.deploy.domain;

/**
 * A service name chosen by the user: a DNS-1035 label (starts with a letter) of at most 24
 * characters.
 *
 * <p>It names the Kubernetes Deployment, Service and Secret; Kubernetes requires Service names to
 * be DNS-1035 labels. The 24-character limit keeps the platform hostname label {@code
 * {service}-{project}-{user}} within 63 characters (see {@link ProjectName}).
 */
public record ServiceName(String value) {
    public static final int MAX_LENGTH = 24;

    public ServiceName {
        DnsLabel.requireRfc1035("service", value, MAX_LENGTH);
    }

    public static ServiceName of(String value) {
        return new ServiceName(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
