package ink.ml.deploy.domain;

/**
 * An internal git repository name: a DNS-1123 label of at most 63 characters.
 *
 * <p>It appears as a path segment of the git remote ({@code /{user}/{repo}.git}) and as a label
 * value, whose limit is 63. Being a DNS label also rules out '/', '..', whitespace and anything a
 * path could be escaped with.
 */
public record RepoName(String value) {
    public static final int MAX_LENGTH = DnsLabel.MAX_LENGTH;

    public RepoName {
        DnsLabel.requireRfc1123("repo", value, MAX_LENGTH);
    }

    public static RepoName of(String value) {
        return new RepoName(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
