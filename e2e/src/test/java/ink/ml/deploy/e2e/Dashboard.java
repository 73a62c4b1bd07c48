package ink.ml.deploy.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a dashboard does for one signed-in user, through the GraphQL API only. Each method is one
 * request of the committed schema.
 */
final class Dashboard {
    private final GraphqlClient graphql;

    Dashboard(GraphqlClient graphql) {
        this.graphql = graphql;
    }

    record Project(String id, String name, String namespace) {}

    /** A push token: the remote URL without credentials and the token a credential helper gives. */
    record GitGrant(String remoteUrl, String token) {
        @Override
        public String toString() {
            return "GitGrant[remoteUrl=" + remoteUrl + ", token=<secret>]";
        }
    }

    /** {@code me { id }}: the platform user id (and the first request registers the user). */
    String userId() {
        return graphql.execute("{ me { id } }").path("me").path("id").asText();
    }

    Project createProject(String name) {
        JsonNode project =
                graphql.execute(
                                "mutation($name: String!) { createProject(name: $name) { id name namespace } }",
                                Map.of("name", name))
                        .path("createProject");
        return new Project(
                project.path("id").asText(),
                project.path("name").asText(),
                project.path("namespace").asText());
    }

    /** Returns the repository's id. */
    String createInternalRepo(String projectId, String name) {
        return graphql.execute(
                        "mutation($p: ID!, $n: String!) { createInternalRepo(projectId: $p, name: $n) { id name } }",
                        Map.of("p", projectId, "n", name))
                .path("createInternalRepo")
                .path("id")
                .asText();
    }

    GitGrant createGitToken(String repoId) {
        JsonNode token =
                graphql.execute(
                                "mutation($r: ID!) { createGitToken(repoId: $r) { remoteUrl token } }",
                                Map.of("r", repoId))
                        .path("createGitToken");
        return new GitGrant(token.path("remoteUrl").asText(), token.path("token").asText());
    }

    /**
     * A service on port 8080 of the given source, without its first deployment: the first push
     * deploys it.
     *
     * @param source {@code repoId} or {@code githubRepo} with its value
     * @return the service's id
     */
    String createService(String projectId, String name, Map<String, String> source) {
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("projectId", projectId);
        input.put("name", name);
        input.put("port", 8080);
        input.putAll(source);
        return graphql.execute(
                        "mutation($input: CreateServiceInput!) { createService(input: $input,"
                                + " deploy: false) { id } }",
                        Map.of("input", input))
                .path("createService")
                .path("id")
                .asText();
    }

    /** A new API key's secret ({@code dk_live_…}), shown this once. */
    String createApiKey(String name) {
        return graphql.execute(
                        "mutation($n: String!) { createApiKey(name: $n) { secret } }",
                        Map.of("n", name))
                .path("createApiKey")
                .path("secret")
                .asText();
    }

    Optional<DeploymentView> latestDeployment(String serviceId) {
        JsonNode latest =
                graphql.execute(
                                "query($id: ID!) { service(id: $id) { latestDeployment { "
                                        + DeploymentView.FIELDS
                                        + " } } }",
                                Map.of("id", serviceId))
                        .path("service")
                        .path("latestDeployment");
        return latest.isObject() ? Optional.of(DeploymentView.from(latest)) : Optional.empty();
    }

    DeploymentView deployment(String id) {
        return DeploymentView.from(
                graphql.execute(
                                "query($id: ID!) { deployment(id: $id) { "
                                        + DeploymentView.FIELDS
                                        + " } }",
                                Map.of("id", id))
                        .path("deployment"));
    }

    /** The service's deployments, newest first (one page of up to 100). */
    List<DeploymentView> deployments(String serviceId) {
        JsonNode edges =
                graphql.execute(
                                "query($id: ID!) { deployments(serviceId: $id, first: 100) { edges"
                                        + " { node { "
                                        + DeploymentView.FIELDS
                                        + " } } } }",
                                Map.of("id", serviceId))
                        .path("deployments")
                        .path("edges");
        List<DeploymentView> list = new ArrayList<>();
        edges.forEach(edge -> list.add(DeploymentView.from(edge.path("node"))));
        return list;
    }

    CustomDomainView addCustomDomain(String serviceId, String domain) {
        return CustomDomainView.from(
                graphql.execute(
                                "mutation($s: ID!, $d: String!) { addCustomDomain(serviceId: $s,"
                                        + " domain: $d) { "
                                        + CustomDomainView.FIELDS
                                        + " } }",
                                Map.of("s", serviceId, "d", domain))
                        .path("addCustomDomain"));
    }

    CustomDomainView verifyCustomDomain(String domainId) {
        return CustomDomainView.from(
                graphql.execute(
                                "mutation($id: ID!) { verifyCustomDomain(id: $id) { "
                                        + CustomDomainView.FIELDS
                                        + " } }",
                                Map.of("id", domainId))
                        .path("verifyCustomDomain"));
    }

    void removeCustomDomain(String domainId) {
        graphql.execute(
                "mutation($id: ID!) { removeCustomDomain(id: $id) }", Map.of("id", domainId));
    }

    /** {@code service { customDomains }}, oldest first. */
    List<CustomDomainView> customDomains(String serviceId) {
        List<CustomDomainView> list = new ArrayList<>();
        graphql.execute(
                        "query($id: ID!) { service(id: $id) { customDomains { "
                                + CustomDomainView.FIELDS
                                + " } } }",
                        Map.of("id", serviceId))
                .path("service")
                .path("customDomains")
                .forEach(node -> list.add(CustomDomainView.from(node)));
        return list;
    }

    /** Where the service answers, as the API shows it. */
    String serviceUrl(String serviceId) {
        return graphql.execute(
                        "query($id: ID!) { service(id: $id) { url } }", Map.of("id", serviceId))
                .path("service")
                .path("url")
                .asText();
    }

    /** The deployment's build output, first line first (one page of up to 500). */
    List<String> buildLogLines(String deploymentId) {
        JsonNode edges =
                graphql.execute(
                                "query($id: ID!) { buildLogs(deploymentId: $id, first: 500) {"
                                        + " edges { node { line } } } }",
                                Map.of("id", deploymentId))
                        .path("buildLogs")
                        .path("edges");
        List<String> lines = new ArrayList<>();
        edges.forEach(edge -> lines.add(edge.path("node").path("line").asText()));
        return lines;
    }

    /** The deployment's event messages, oldest first (one page of up to 100). */
    List<String> eventMessages(String deploymentId) {
        JsonNode edges =
                graphql.execute(
                                "query($id: ID!) { deployment(id: $id) { events(first: 100) {"
                                        + " edges { node { step status message } } } } }",
                                Map.of("id", deploymentId))
                        .path("deployment")
                        .path("events")
                        .path("edges");
        List<String> messages = new ArrayList<>();
        edges.forEach(edge -> messages.add(edge.path("node").path("message").asText("")));
        return messages;
    }

    /** One line of {@code serviceLogs}. */
    record LogLine(String timestamp, String stream, String text, String deploymentId) {
        static LogLine from(JsonNode node) {
            return new LogLine(
                    node.path("timestamp").asText(),
                    node.path("stream").asText(),
                    node.path("text").asText(),
                    node.path("deploymentId").asText(null));
        }
    }

    static final String LOG_LINE_FIELDS = "timestamp stream text deploymentId";

    /** The service's newest runtime lines containing {@code search}, oldest first. */
    List<LogLine> serviceLogs(String serviceId, String search, int first) {
        JsonNode edges =
                graphql.execute(
                                "query($id: ID!, $s: String, $n: Int) { serviceLogs(serviceId: $id,"
                                        + " search: $s, first: $n) { edges { node { "
                                        + LOG_LINE_FIELDS
                                        + " } } } }",
                                search == null
                                        ? Map.of("id", serviceId, "n", first)
                                        : Map.of("id", serviceId, "s", search, "n", first))
                        .path("serviceLogs")
                        .path("edges");
        List<LogLine> lines = new ArrayList<>();
        edges.forEach(edge -> lines.add(LogLine.from(edge.path("node"))));
        return lines;
    }

    /** The service's memory working set over the last {@code range}, one point per step. */
    List<Double> memoryWorkingSetBytes(String serviceId, String range, String step) {
        JsonNode points =
                serviceMetrics(serviceId, range, step, "memoryWorkingSetBytes { at value }")
                        .path("memoryWorkingSetBytes");
        List<Double> values = new ArrayList<>();
        points.forEach(point -> values.add(point.path("value").asDouble()));
        return values;
    }

    JsonNode serviceMetrics(String serviceId, String range, String step, String selection) {
        return graphql.execute(
                        "query($id: ID!, $r: String, $s: String) { serviceMetrics(serviceId: $id,"
                                + " range: $r, step: $s) { "
                                + selection
                                + " } }",
                        Map.of("id", serviceId, "r", range, "s", step))
                .path("serviceMetrics");
    }
}
