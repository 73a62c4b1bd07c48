package ink.ml.deploy.local;

/** What {@code ./run-platform} prints once everything answers. */
final class Welcome {
    private Welcome() {}

    static String text(LocalPlatform platform) {
        return "MCPDeploy is running. GraphQL " + platform.graphqlUrl();
    }
}
