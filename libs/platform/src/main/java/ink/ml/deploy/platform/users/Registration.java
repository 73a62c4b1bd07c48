package ink.ml.deploy.platform.users;

import java.util.Locale;
import java.util.Optional;

/**
 * What a first sign-in knows about a new user. The preferred id is a hint taken from the identity
 * provider (a GitHub login, an email's local part), already reduced to the user id alphabet; the
 * user gets it when it is free.
 *
 * @param preferredId 1–12 of [a-z0-9], or empty for a random id
 * @param firebaseUid the Firebase user this account signs in as, if any
 */
public record Registration(
        Optional<String> preferredId,
        String displayName,
        String email,
        Optional<String> firebaseUid) {

    /** A user created by GitHub sign-in: the id is the login, lowercased, without hyphens. */
    public static Registration fromGithub(String login, String displayName, String email) {
        return new Registration(idHint(login), displayName, email, Optional.empty());
    }

    /** A user created by Firebase sign-in: the id comes from the email's local part, if any. */
    public static Registration fromFirebase(String firebaseUid, String displayName, String email) {
        String local = email == null ? null : email.substring(0, Math.max(0, email.indexOf('@')));
        return new Registration(idHint(local), displayName, email, Optional.of(firebaseUid));
    }

    /** A user with a random id. */
    public static Registration anonymous(String displayName, String email) {
        return new Registration(Optional.empty(), displayName, email, Optional.empty());
    }

    /**
     * {@code "Octo-Cat_42"} → {@code "octocat42"}; at most 12 characters; empty when nothing is
     * left.
     */
    static Optional<String> idHint(String name) {
        if (name == null) {
            return Optional.empty();
        }
        StringBuilder id = new StringBuilder();
        for (char c : name.toLowerCase(Locale.ROOT).toCharArray()) {
            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
                id.append(c);
            }
            if (id.length() == 12) {
                break;
            }
        }
        return id.isEmpty() ? Optional.empty() : Optional.of(id.toString());
    }
}
