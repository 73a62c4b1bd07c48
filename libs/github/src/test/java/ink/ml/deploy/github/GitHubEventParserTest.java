package ink.ml.deploy.github;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ink.ml.deploy.domain.DeliveryId;
import ink.ml.deploy.domain.GitBranch;
import ink.ml.deploy.domain.GitHubRepo;
import ink.ml.deploy.domain.GitSha;
import ink.ml.deploy.domain.InvalidValueException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class GitHubEventParserTest {
    private static final DeliveryId DELIVERY =
            DeliveryId.of("72d3162e-cc78-11e3-81ab-4c9367dc0958");

    @Test
    void parsesPushToBranch() {
        GitHubEvent event = GitHubEventParser.parse("push", DELIVERY, payload("push.json"));

        assertThat(event)
                .isEqualTo(
                        new BranchPush(
                                DELIVERY,
                                GitHubRepo.parse("Codertocat/Hello-World"),
                                GitBranch.of("main"),
                                GitSha.of("6113728f27ae82c7b1a177c8d03f9e96e0adf246"),
                                GitSha.of("0d1a26e67d8f5eaf1f6ba5c57fc3c7d91ac0fd1c")));
    }

    @Test
    void branchWithSlashesKeepsItsFullShortName() {
        byte[] body =
                push("refs/heads/release/2026-11", "0d1a26e67d8f5eaf1f6ba5c57fc3c7d91ac0fd1c");

        BranchPush push = (BranchPush) GitHubEventParser.parse("push", DELIVERY, body);

        assertThat(push.branch()).isEqualTo(GitBranch.of("release/2026-11"));
    }

    @Test
    void deletedBranchStartsNothing() {
        GitHubEvent event =
                GitHubEventParser.parse("push", DELIVERY, payload("push-deleted-branch.json"));

        assertThat(event).isInstanceOf(IgnoredEvent.class);
        assertThat(((IgnoredEvent) event).reason()).contains("deleted branch feature/old");
    }

    @Test
    void tagPushStartsNothing() {
        GitHubEvent event = GitHubEventParser.parse("push", DELIVERY, payload("push-tag.json"));

        assertThat(event).isInstanceOf(IgnoredEvent.class);
        assertThat(((IgnoredEvent) event).reason()).contains("refs/tags/v1.0.0");
    }

    @Test
    void rejectsPushWithShortOrUppercaseSha() {
        assertRejected(push("refs/heads/main", "0d1a26e"), "after");
        assertRejected(
                push("refs/heads/main", "0D1A26E67D8F5EAF1F6BA5C57FC3C7D91AC0FD1C"), "after");
    }

    @Test
    void rejectsPushWithoutTheBranchsPreviousHead() {
        String noBefore =
                "{\"ref\":\"refs/heads/main\",\"after\":\"0d1a26e67d8f5eaf1f6ba5c57fc3c7d91ac0fd1c\","
                        + "\"repository\":{\"full_name\":\"octocat/hello\"}}";

        assertRejected(utf8(noBefore), "before");
    }

    @Test
    void rejectsPushThatNamesNoBranch() {
        assertRejected(push("refs/heads/", "0d1a26e67d8f5eaf1f6ba5c57fc3c7d91ac0fd1c"), "ref");
    }

    @Test
    void pushToABranchNoServiceCanTrackStartsNothing() {
        for (String name : new String[] {"-rf", "feat@x", "café", "HEAD"}) {
            GitHubEvent event =
                    GitHubEventParser.parse(
                            "push",
                            DELIVERY,
                            push("refs/heads/" + name, "0d1a26e67d8f5eaf1f6ba5c57fc3c7d91ac0fd1c"));

            assertThat(event).as(name).isInstanceOf(IgnoredEvent.class);
            assertThat(((IgnoredEvent) event).reason())
                    .startsWith("no service can track branch " + name + ": it ");
        }
    }

    @Test
    void rejectsPushWithoutValidRepositoryFullName() {
        String noRepo =
                "{\"ref\":\"refs/heads/main\",\"after\":\"0d1a26e67d8f5eaf1f6ba5c57fc3c7d91ac0fd1c\"}";
        String urlRepo =
                "{\"ref\":\"refs/heads/main\",\"after\":\"0d1a26e67d8f5eaf1f6ba5c57fc3c7d91ac0fd1c\","
                        + "\"repository\":{\"full_name\":\"https://evil.example/a/b\"}}";

        assertRejected(utf8(noRepo), "repository.full_name");
        assertRejected(utf8(urlRepo), "repository.full_name");
    }

    @Test
    void rejectsBodyThatIsNotAJsonObject() {
        assertRejected(utf8("payload=%7B%7D"), "body");
        assertRejected(utf8("[1,2]"), "body");
        assertRejected(utf8(""), "body");
    }

    @Test
    void rejectsMissingOrOddEventName() {
        assertThatThrownBy(() -> GitHubEventParser.parse(null, DELIVERY, utf8("{}")))
                .isInstanceOfSatisfying(
                        InvalidValueException.class,
                        e -> assertThat(e.field()).isEqualTo("X-GitHub-Event"));
        assertThatThrownBy(() -> GitHubEventParser.parse("Push\n", DELIVERY, utf8("{}")))
                .isInstanceOf(InvalidValueException.class);
    }

    @Test
    void pingAndUnknownEventsStartNothing() {
        assertThat(GitHubEventParser.parse("ping", DELIVERY, utf8("{\"zen\":\"Keep it simple\"}")))
                .isInstanceOf(IgnoredEvent.class);
        assertThat(GitHubEventParser.parse("issues", DELIVERY, utf8("{}")))
                .isInstanceOf(IgnoredEvent.class);
    }

    @Test
    void parsesInstallationCreatedOnUser() {
        GitHubEvent event =
                GitHubEventParser.parse(
                        "installation", DELIVERY, payload("installation-created.json"));

        assertThat(event)
                .isEqualTo(
                        new InstallationChange(
                                DELIVERY, InstallationChange.Action.CREATED, 2311213, 1, true, 1));
        assertThat(((InstallationChange) event).githubUserId()).isEqualTo(1);
    }

    @Test
    void installationOnOrganizationLinksTheUserWhoInstalledIt() {
        InstallationChange change =
                (InstallationChange)
                        GitHubEventParser.parse(
                                "installation", DELIVERY, payload("installation-created-org.json"));

        assertThat(change.accountIsUser()).isFalse();
        assertThat(change.githubUserId()).isEqualTo(1);
    }

    @Test
    void parsesInstallationDeleted() {
        InstallationChange change =
                (InstallationChange)
                        GitHubEventParser.parse(
                                "installation", DELIVERY, payload("installation-deleted.json"));

        assertThat(change.action()).isEqualTo(InstallationChange.Action.DELETED);
        assertThat(change.installationId()).isEqualTo(2311213);
    }

    @Test
    void otherInstallationActionsStartNothing() {
        assertThat(
                        GitHubEventParser.parse(
                                "installation", DELIVERY, payload("installation-suspend.json")))
                .isInstanceOf(IgnoredEvent.class);
    }

    @Test
    void rejectsInstallationWithoutIds() {
        String noId =
                "{\"action\":\"created\",\"installation\":{\"account\":{\"id\":1,\"type\":\"User\"}},"
                        + "\"sender\":{\"id\":1}}";
        String negative =
                "{\"action\":\"created\",\"installation\":{\"id\":-4,\"account\":{\"id\":1}},"
                        + "\"sender\":{\"id\":1}}";

        assertThatThrownBy(() -> GitHubEventParser.parse("installation", DELIVERY, utf8(noId)))
                .isInstanceOfSatisfying(
                        InvalidValueException.class,
                        e -> assertThat(e.field()).isEqualTo("installation.id"));
        assertThatThrownBy(() -> GitHubEventParser.parse("installation", DELIVERY, utf8(negative)))
                .isInstanceOf(InvalidValueException.class);
    }

    private static void assertRejected(byte[] body, String field) {
        assertThatThrownBy(() -> GitHubEventParser.parse("push", DELIVERY, body))
                .isInstanceOfSatisfying(
                        InvalidValueException.class, e -> assertThat(e.field()).isEqualTo(field));
    }

    static byte[] push(String ref, String after) {
        return utf8(
                "{\"ref\":\""
                        + ref
                        + "\",\"before\":\"6113728f27ae82c7b1a177c8d03f9e96e0adf246\",\"after\":\""
                        + after
                        + "\",\"deleted\":false,\"repository\":{\"full_name\":\"octocat/hello\"}}");
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] payload(String name) {
        try (InputStream in =
                GitHubEventParserTest.class.getResourceAsStream("/payloads/" + name)) {
            if (in == null) {
                throw new IllegalStateException("no test payload " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
