package ink.ml.deploy.e2e;

import ink.ml.deploy.e2e.Dashboard.GitGrant;
import ink.ml.deploy.e2e.Dashboard.Project;
import ink.ml.deploy.local.LocalPlatform;
import java.nio.file.Path;
import java.util.Map;

/**
 * A user's app on an internal repository, set up as the dashboard does it: signed in with an ID
 * token (graphql registers the user), a project, an internal repository, a service {@code web}
 * tracking its {@code main} (created before the first push, which deploys it), a push token, and a
 * working copy for the stock git client.
 */
record InternalApp(
        String userId,
        Dashboard dashboard,
        DeploymentFollower follower,
        Project project,
        String serviceId,
        GitGrant grant,
        GitCli git) {

    /**
     * @param uid the identity provider's user id, new for each app
     * @param work where the working copy goes, under {@code projectName}
     */
    static InternalApp create(LocalPlatform platform, Path work, String uid, String projectName) {
        String idToken = platform.signInToken(uid, uid + "@example.com", "E2E " + uid);
        Dashboard dashboard = new Dashboard(new GraphqlClient(platform.graphqlUrl(), idToken));
        String userId = dashboard.userId();
        Project project = dashboard.createProject(projectName);
        String repoId = dashboard.createInternalRepo(project.id(), projectName + "-app");
        String serviceId = dashboard.createService(project.id(), "web", Map.of("repoId", repoId));
        GitGrant grant = dashboard.createGitToken(repoId);
        return new InternalApp(
                userId,
                dashboard,
                new DeploymentFollower(dashboard, platform.graphqlWebSocketUrl(), idToken),
                project,
                serviceId,
                grant,
                GitCli.init(work.resolve(projectName)));
    }
}
