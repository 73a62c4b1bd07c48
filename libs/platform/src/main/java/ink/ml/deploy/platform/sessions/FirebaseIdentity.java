package ink.ml.deploy.platform.sessions;

/**
 * A verified Firebase ID token's subject.
 *
 * @param uid the Firebase user id (the token's {@code sub})
 * @param name the {@code name} claim, or null
 * @param email the {@code email} claim when {@code email_verified} is true, else null
 */
public record FirebaseIdentity(String uid, String name, String email) {}
