package ink.ml.deploy.github;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import ink.ml.deploy.domain.DeliveryId;
import ink.ml.deploy.domain.GitBranch;
import ink.ml.deploy.domain.GitHubRepo;
import ink.ml.deploy.domain.GitSha;
import ink.ml.deploy.domain.InvalidValueException;
import java.io.IOException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Turns a verified delivery ({@code X-GitHub-Event} and the JSON body) into a {@link GitHubEvent}.
 * Only the fields the platform acts on are read, and each is validated with the domain's rules: a
 * delivery that would start a deployment names a valid repository, branch and full commit id.
 *
 * <p>Field names in errors are the payload's, e.g. {@code repository.full_name}.
 */
public final class GitHubEventParser {
    public static final String EVENT_HEADER = "X-GitHub-Event";

    private static final String BRANCH_REF_PREFIX = "refs/heads/";
    private static final Pattern EVENT_NAME = Pattern.compile("[a-z_]{1,64}");
    private static final ObjectMapper JSON = new ObjectMapper();

    private GitHubEventParser() {}

    /**
     * @throws InvalidValueException when the event name or a field the platform needs is missing or
     *     breaks its rule
     */
    public static GitHubEvent parse(String event, DeliveryId delivery, byte[] body) {
        if (event == null || !EVENT_NAME.matcher(event).matches()) {
            throw new InvalidValueException(
                    EVENT_HEADER, "must name a GitHub event, e.g. push or installation");
        }
        return switch (event) {
            case "push" -> push(delivery, json(body));
            case "installation" -> installation(delivery, json(body));
            case "ping" -> new IgnoredEvent(delivery, event, "pong: the webhook reaches us");
            default ->
                    new IgnoredEvent(
                            delivery, event, "the platform acts on push and installation only");
        };
    }

    private static GitHubEvent push(DeliveryId delivery, JsonNode payload) {
        String ref = text(payload, "ref");
        if (!ref.startsWith(BRANCH_REF_PREFIX)) {
            // Tags and other refs are not what a service tracks.
            return new IgnoredEvent(delivery, "push", "the push is not to a branch (" + ref + ")");
        }
        String name = ref.substring(BRANCH_REF_PREFIX.length());
        if (name.isEmpty()) {
            throw new InvalidValueException("ref", "names no branch: " + ref);
        }
        Optional<String> untrackable = GitBranch.ruleBrokenBy(name);
        if (untrackable.isPresent()) {
            // GitHub allows names (feat@x, café) that no service can be set to follow.
            return new IgnoredEvent(
                    delivery,
                    "push",
                    "no service can track branch " + name + ": it " + untrackable.get());
        }
        GitBranch branch = GitBranch.of(name);
        GitHubRepo repository = repository(payload);
        if (payload.path("deleted").asBoolean(false)) {
            return new IgnoredEvent(
                    delivery, "push", "the push deleted branch " + branch + ": nothing to deploy");
        }
        GitSha after = sha(payload, "after");
        return new BranchPush(delivery, repository, branch, sha(payload, "before"), after);
    }

    private static GitHubEvent installation(DeliveryId delivery, JsonNode payload) {
        String action = text(payload, "action");
        InstallationChange.Action change =
                switch (action) {
                    case "created" -> InstallationChange.Action.CREATED;
                    case "deleted" -> InstallationChange.Action.DELETED;
                    default -> null;
                };
        if (change == null) {
            return new IgnoredEvent(
                    delivery,
                    "installation",
                    "installation action " + action + " links or unlinks nothing");
        }
        JsonNode installation = payload.path("installation");
        JsonNode account = installation.path("account");
        return new InstallationChange(
                delivery,
                change,
                id(installation, "installation.id"),
                id(account, "installation.account.id"),
                "User".equals(account.path("type").asText()),
                id(payload.path("sender"), "sender.id"));
    }

    private static JsonNode json(byte[] body) {
        try {
            JsonNode node = JSON.readTree(body);
            if (node == null || !node.isObject()) {
                throw notJson();
            }
            return node;
        } catch (JsonProcessingException e) {
            throw notJson();
        } catch (IOException e) {
            throw notJson();
        }
    }

    private static InvalidValueException notJson() {
        return new InvalidValueException(
                "body",
                "must be a JSON object: set the webhook's content type to application/json");
    }

    private static String text(JsonNode payload, String field) {
        JsonNode value = payload.path(field);
        if (!value.isTextual() || value.asText().isEmpty()) {
            throw new InvalidValueException(field, "must be a non-empty string");
        }
        return value.asText();
    }

    private static long id(JsonNode node, String field) {
        JsonNode value = node.path("id");
        if (!value.isIntegralNumber() || !value.canConvertToLong() || value.asLong() <= 0) {
            throw new InvalidValueException(field, "must be a positive GitHub id");
        }
        return value.asLong();
    }

    private static GitHubRepo repository(JsonNode payload) {
        JsonNode fullName = payload.path("repository").path("full_name");
        if (!fullName.isTextual()) {
            throw new InvalidValueException("repository.full_name", "must be owner/name");
        }
        try {
            return GitHubRepo.parse(fullName.asText());
        } catch (InvalidValueException e) {
            throw new InvalidValueException("repository.full_name", e.rule());
        }
    }

    private static GitSha sha(JsonNode payload, String field) {
        try {
            return GitSha.of(text(payload, field));
        } catch (InvalidValueException e) {
            throw new InvalidValueException(field, e.rule());
        }
    }
}
