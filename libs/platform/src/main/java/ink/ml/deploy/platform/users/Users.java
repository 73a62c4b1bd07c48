package ink.ml.deploy.platform.users;

import ink.ml.deploy.domain.InvalidValueException;
import ink.ml.deploy.domain.UserId;
import ink.ml.deploy.platform.common.Caller;
import ink.ml.deploy.platform.common.NotFoundException;
import ink.ml.deploy.platform.common.Timestamps;
import ink.ml.deploy.platform.projects.Projects;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.security.SecureRandom;

/** Users: registration (with their default project) and lookup. */
@ApplicationScoped
public class Users {
    private static final String ID_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

    /** 36^10 ≈ 3.7e15 ids: collisions are retried, not assumed away. */
    private static final int ID_LENGTH = 10;

    private static final int MAX_DISPLAY_NAME = 200;
    private static final int MAX_EMAIL = 320;

    private final SecureRandom random = new SecureRandom();
    private final Projects projects;

    public Users(Projects projects) {
        this.projects = projects;
    }

    /** A new user and their default project, in one transaction: never one without the other. */
    @Transactional
    public UserView register(String displayName, String email) {
        User user = new User();
        user.id = freshId();
        user.displayName = limit("displayName", displayName, MAX_DISPLAY_NAME);
        user.email = limit("email", email, MAX_EMAIL);
        user.createdAt = Timestamps.now();
        user.persist();
        projects.createDefault(new Caller(UserId.of(user.id)));
        return UserView.of(user);
    }

    @Transactional
    public UserView get(Caller caller) {
        User user = User.findById(caller.id());
        if (user == null) {
            throw new NotFoundException("user", caller.id());
        }
        return UserView.of(user);
    }

    private String freshId() {
        for (int attempt = 0; attempt < 5; attempt++) {
            StringBuilder id = new StringBuilder(ID_LENGTH);
            for (int i = 0; i < ID_LENGTH; i++) {
                id.append(ID_ALPHABET.charAt(random.nextInt(ID_ALPHABET.length())));
            }
            if (User.findById(id.toString()) == null) {
                return id.toString();
            }
        }
        throw new IllegalStateException("no free user id after 5 attempts");
    }

    private static String limit(String field, String value, int max) {
        if (value == null) {
            return null;
        }
        String trimmed = value.strip();
        if (trimmed.length() > max) {
            throw new InvalidValueException(field, "must be at most " + max + " characters");
        }
        if (trimmed.codePoints().anyMatch(Character::isISOControl)) {
            throw new InvalidValueException(field, "must not contain control characters");
        }
        return trimmed.isEmpty() ? null : trimmed;
    }
}
