package ink.ml.deploy.testing.github;

import java.util.Objects;

/**
 * A GitHub account of the fake: what {@code GET /user} answers for its OAuth tokens, and the owner
 * of App installations and repositories.
 *
 * @param id GitHub's numeric user id
 * @param login the account name, also the owner in {@code owner/name}
 * @param name the display name, may be null
 * @param email the primary verified email, may be null
 */
public record GithubUser(long id, String login, String name, String email) {
    public GithubUser {
        if (id <= 0) {
            throw new IllegalArgumentException("id: must be a positive GitHub user id");
        }
        Objects.requireNonNull(login, "login");
        if (!login.matches("[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})")) {
            throw new IllegalArgumentException("login: must be a GitHub login, got " + login);
        }
    }
}
