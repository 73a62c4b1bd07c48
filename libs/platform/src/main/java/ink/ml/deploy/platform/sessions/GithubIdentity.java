package ink.ml.deploy.platform.sessions;

/**
 * The GitHub account that just signed in, as GitHub's {@code GET /user} (and {@code /user/emails})
 * reported it.
 *
 * @param githubUserId GitHub's numeric user id: stable, unlike the login
 * @param login the GitHub login, for display and the platform user id of a new user
 * @param name the profile name, or null
 * @param email the primary verified email, or null
 */
public record GithubIdentity(long githubUserId, String login, String name, String email) {}
