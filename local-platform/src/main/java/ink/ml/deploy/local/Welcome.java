package ink.ml.deploy.local;

import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What {@code ./run-platform} prints once everything answers: where each part is, the dashboard
 * with a one-time sign-in link for the local user, the local user's API key, and a ready-to-paste
 * example (a project, an internal repository, a push token, a {@code git push}, a service that
 * deploys it) plus an MCP client configuration.
 *
 * <p>The API key is printed on purpose: it belongs to a throwaway local user of a platform that
 * listens on 127.0.0.1 only, and the person at the terminal needs it to paste the example.
 */
record Welcome(
        URI graphqlUrl,
        URI graphqlWebSocketUrl,
        URI mcpUrl,
        URI gitServerUrl,
        URI deployerServerUrl,
        String temporalTarget,
        String jdbcUrl,
        Path logDirectory,
        String apps,
        String metrics,
        Optional<String> registryHost,
        Optional<String> buildsUnavailable,
        String apiKey,
        URI dashboardUrl,
        URI signInLink) {

    static Welcome of(LocalPlatform platform) {
        return new Welcome(
                platform.graphqlUrl(),
                platform.graphqlWebSocketUrl(),
                platform.mcpUrl(),
                platform.gitServerUrl(),
                platform.deployerServerUrl(),
                platform.temporalTarget(),
                platform.jdbcUrl(),
                platform.logDirectory(),
                platform.appsDescription(),
                platform.metricsDescription(),
                platform.registryHost(),
                platform.buildsUnavailable(),
                platform.apiKey(),
                platform.dashboardUrl(),
                platform.signInLink());
    }

    String text() {
        String builds =
                buildsUnavailable
                        .map(reason -> "Builds:        CANNOT run here: " + reason)
                        .orElseGet(
                                () ->
                                        "Builds:        private Docker engine, images pushed to "
                                                + registryHost.orElseThrow());
        return String.join(
                "\n",
                "",
                "MCPDeploy is running on this machine (127.0.0.1 only). Ctrl-C stops everything.",
                "",
                "Dashboard:     " + dashboardUrl,
                "  sign in once with: " + signInLink,
                "GraphQL:       " + graphqlUrl + "   (subscriptions: " + graphqlWebSocketUrl + ")",
                "MCP:           " + mcpUrl,
                "Git:           " + gitServerUrl + "/{user}/{project}/{repo}.git",
                "Webhooks:      " + deployerServerUrl + "/webhooks/github",
                "Temporal:      " + temporalTarget,
                "PostgreSQL:    " + jdbcUrl,
                "Apps:          " + apps,
                builds,
                "Metrics:       " + metrics,
                "Logs:          " + logDirectory + "/<service>.log",
                "",
                "API key of the local user (send as Authorization: Bearer):",
                "  " + apiKey,
                "",
                "Try it (bash; needs curl and git):",
                "",
                example(),
                "",
                "MCP client configuration (e.g. .mcp.json):",
                "",
                mcpConfig(),
                "");
    }

    /** A bash session that creates a project, a repository, pushes an app and deploys it. */
    String example() {
        return String.join(
                "\n",
                "export MCPDEPLOY_KEY='" + apiKey + "'",
                "gql() { curl -sS '"
                        + graphqlUrl
                        + "' -H \"Authorization: Bearer $MCPDEPLOY_KEY\""
                        + " -H 'Content-Type: application/json'"
                        + " --data \"{\\\"query\\\":\\\"$1\\\",\\\"variables\\\":$2}\"; }",
                "field() { sed -n \"s/.*\\\"$1\\\":\\\"\\([^\\\"]*\\)\\\".*/\\1/p\"; }",
                "PROJECT=$(gql 'mutation($n: String!) { createProject(name: $n) { id } }'"
                        + " '{\"n\":\"demo\"}' | field id)",
                "REPO=$(gql 'mutation($p: ID!, $n: String!) { createInternalRepo(projectId: $p,"
                        + " name: $n) { id } }' \"{\\\"p\\\":\\\"$PROJECT\\\",\\\"n\\\":\\\"app\\\"}\""
                        + " | field id)",
                "REMOTE=$(gql 'mutation($r: ID!) { createGitToken(repoId: $r) {"
                        + " authenticatedRemoteUrl } }' \"{\\\"r\\\":\\\"$REPO\\\"}\""
                        + " | field authenticatedRemoteUrl)",
                "mkdir -p /tmp/mcpdeploy-demo && cd /tmp/mcpdeploy-demo && git init -q -b main",
                "printf 'FROM scratch\\nCOPY busybox /bin/busybox\\nCOPY index.html /www/\\n"
                        + "EXPOSE 8080\\nCMD [\"/bin/busybox\",\"httpd\",\"-f\",\"-p\",\"8080\","
                        + "\"-h\",\"/www\"]\\n' > Dockerfile",
                "cp /bin/busybox . && echo 'hello from MCPDeploy' > index.html",
                "git add . && git -c user.name=me -c user.email=me@example.com commit -qm first",
                "git push \"$REMOTE\" main",
                "SERVICE=$(gql 'mutation($p: ID!, $r: ID!) { createService(input: {projectId: $p,"
                        + " repoId: $r, name: \\\"web\\\", port: 8080}) { id } }'"
                        + " \"{\\\"p\\\":\\\"$PROJECT\\\",\\\"r\\\":\\\"$REPO\\\"}\" | field id)",
                "for i in $(seq 90); do gql 'query($s: ID!) { service(id: $s) { url"
                        + " latestDeployment { status imageRef errorMessage } } }'"
                        + " \"{\\\"s\\\":\\\"$SERVICE\\\"}\" | tee /tmp/mcpdeploy-demo.json"
                        + " | grep -E 'ACTIVE|FAILED|CRASHED' && break; sleep 2; done",
                "curl -sS \"$(field url < /tmp/mcpdeploy-demo.json)\"   # hello from MCPDeploy");
    }

    String mcpConfig() {
        return String.join(
                "\n",
                "{\"mcpServers\": {\"mcpdeploy\": {\"type\": \"http\", \"url\": \""
                        + mcpUrl
                        + "\",",
                "  \"headers\": {\"Authorization\": \"Bearer " + apiKey + "\"}}}}");
    }
}
