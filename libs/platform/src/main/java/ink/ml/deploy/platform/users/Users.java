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
import java.util.Optional;

/** Users: registration (with their default project) and lookup. */
@ApplicationScoped
public class Users {
    private static final String ID_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

    /** 36^10 ≈ 3.7e15 ids: collisions are retried, not assumed away. */
    private static final int ID_LENGTH = 10;

    /** A taken preferred id gets this many random characters after its first 8. */
    private static final int SUFFIX_LENGTH = 4;

    private static final int MAX_FIREBASE_UID = 128;
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
        return register(Registration.anonymous(displayName, email));
    }

    /**
     * A new user from a first sign-in, with their default project. The id is the registration's
     * preferred id when free, else that id shortened with a random suffix, else random.
     */
    @Transactional
    public UserView register(Registration registration) {
        User user = new User();
        user.displayName = limit("displayName", registration.displayName(), MAX_DISPLAY_NAME);
        user.email = limit("email", registration.email(), MAX_EMAIL);
        user.firebaseUid = registration.firebaseUid().map(Users::validFirebaseUid).orElse(null);
        user.id = registration.preferredId().map(this::idLike).orElseGet(this::freshId);
        user.createdAt = Timestamps.now();
        user.persist();
        projects.createDefault(new Caller(UserId.of(user.id)));
        return UserView.of(user);
    }

    /** Firebase sign-in: the user a Firebase uid signs in as. */
    @Transactional
    public Optional<UserId> findByFirebaseUid(String firebaseUid) {
        return User.<User>find("firebaseUid", validFirebaseUid(firebaseUid))
                .firstResultOptional()
                .map(user -> UserId.of(user.id));
    }

    @Transactional
    public UserView get(Caller caller) {
        User user = User.findById(caller.id());
        if (user == null) {
            throw new NotFoundException("user", caller.id());
        }
        return UserView.of(user);
    }

    /** {@code preferred} if free, else its first 8 characters and 4 random ones, else random. */
    private String idLike(String preferred) {
        String valid = UserId.of(preferred).value();
        if (User.findById(valid) == null) {
            return valid;
        }
        String stem =
                valid.substring(0, Math.min(valid.length(), UserId.MAX_LENGTH - SUFFIX_LENGTH));
        for (int attempt = 0; attempt < 5; attempt++) {
            String candidate = stem + randomChars(SUFFIX_LENGTH);
            if (User.findById(candidate) == null) {
                return candidate;
            }
        }
        return freshId();
    }

    private String randomChars(int length) {
        StringBuilder id = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            id.append(ID_ALPHABET.charAt(random.nextInt(ID_ALPHABET.length())));
        }
        return id.toString();
    }

    private static String validFirebaseUid(String uid) {
        if (uid == null || uid.isEmpty()) {
            throw new InvalidValueException("firebaseUid", "must not be empty");
        }
        if (uid.length() > MAX_FIREBASE_UID) {
            throw new InvalidValueException(
                    "firebaseUid", "must be at most " + MAX_FIREBASE_UID + " characters");
        }
        if (uid.codePoints().anyMatch(c -> c < 0x21 || c > 0x7e)) {
            throw new InvalidValueException(
                    "firebaseUid", "must be printable ASCII without whitespace");
        }
        return uid;
    }

    private String freshId() {
        for (int attempt = 0; attempt < 5; attempt++) {
            String id = randomChars(ID_LENGTH);
            if (User.findById(id) == null) {
                return id;
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
