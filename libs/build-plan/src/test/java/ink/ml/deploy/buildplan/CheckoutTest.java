package ink.ml.deploy.buildplan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckoutTest {
    @TempDir Path root;
    @TempDir Path outside;

    @Test
    void readsFilesInsideTheContext() throws IOException {
        Files.createDirectories(root.resolve("src"));
        Files.writeString(root.resolve("src/app.py"), "print()");

        Checkout checkout = new Checkout(root);

        assertThat(checkout.isFile("src/app.py")).isTrue();
        assertThat(checkout.isDirectory("src")).isTrue();
        assertThat(checkout.read("src/app.py")).contains("print()");
        assertThat(checkout.list("src")).containsExactly("app.py");
        assertThat(checkout.read("missing.txt")).isEmpty();
    }

    @Test
    void symbolicLinkLeadingOutOfTheContextReadsAsAbsent() throws IOException {
        Files.writeString(outside.resolve("secret"), "{\"scripts\": {\"start\": \"x\"}}");
        Files.createSymbolicLink(root.resolve("package.json"), outside.resolve("secret"));
        Files.createSymbolicLink(root.resolve("linked"), outside);

        Checkout checkout = new Checkout(root);

        assertThat(checkout.isFile("package.json")).isFalse();
        assertThat(checkout.read("package.json")).isEmpty();
        assertThat(checkout.isDirectory("linked")).isFalse();
        assertThat(checkout.read("linked/secret")).isEmpty();
        assertThat(checkout.read("../" + outside.getFileName() + "/secret")).isEmpty();
    }

    @Test
    void symbolicLinkInsideTheContextIsFollowed() throws IOException {
        Files.writeString(root.resolve("Dockerfile.real"), "FROM scratch\n");
        Files.createSymbolicLink(root.resolve("Dockerfile"), Path.of("Dockerfile.real"));

        assertThat(new Checkout(root).isFile("Dockerfile")).isTrue();
    }

    @Test
    void autoIgnoresADockerfileLinkedOutOfTheContext() throws IOException {
        Files.writeString(outside.resolve("Dockerfile"), "FROM scratch\n");
        Files.createSymbolicLink(root.resolve("Dockerfile"), outside.resolve("Dockerfile"));
        Files.writeString(root.resolve("index.html"), "<html>");

        BuildDecision decision =
                new BuildPlanner(Fixtures.IMAGES).decide(root, BuildOptions.auto());

        assertThat(decision).isInstanceOf(GeneratedBuild.class);
    }

    @Test
    void fileLargerThanAManifestIsRefused() throws IOException {
        Files.write(root.resolve("package.json"), new byte[Checkout.MAX_READ_BYTES + 1]);

        assertThatThrownBy(() -> new Checkout(root).read("package.json"))
                .isInstanceOf(NothingDetectedException.class)
                .hasMessageContaining("package.json is larger than 1024 KiB");
    }

    @Test
    void belowKeepsTheOutermostBoundary() throws IOException {
        Files.createDirectories(root.resolve("apps/web"));
        Files.writeString(outside.resolve("go.mod"), "module x\n");
        Files.createSymbolicLink(root.resolve("apps/web/go.mod"), outside.resolve("go.mod"));
        Files.writeString(root.resolve("apps/go.mod"), "module apps\n");

        Checkout web = new Checkout(root).below("apps/web");

        assertThat(web.isFile("go.mod")).isFalse();
        assertThat(web.isFile("../go.mod")).isFalse();
    }
}
