package ink.ml.deploy.github.oauth;

/**
 * The signed-in GitHub user.
 *
 * @param name null when the profile has none
 * @param email the public or primary verified email; null when GitHub shares none
 */
public record GithubUser(long id, String login, String name, String email) {}
