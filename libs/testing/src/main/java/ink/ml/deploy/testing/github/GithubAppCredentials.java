package ink.ml.deploy.testing.github;

/**
 * What a GitHub App's owner configures on the platform: the App id (the JWT issuer) and its private
 * key as PEM (PKCS#8). The fake keeps the public half and verifies the App's JWTs with it.
 *
 * <p>The private key is a secret even here: pass it to a process through its environment, never its
 * command line, and never print it ({@link #toString()} leaves it out).
 */
public record GithubAppCredentials(String appId, String privateKeyPem) {
    @Override
    public String toString() {
        return "GithubAppCredentials[appId=" + appId + ", privateKeyPem=<secret>]";
    }
}
