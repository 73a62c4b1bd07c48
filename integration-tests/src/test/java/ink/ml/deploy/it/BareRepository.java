package ink.ml.deploy.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.URIish;

/**
 * A bare repository on disk at {@code {root}/{user}/{project}/{repo}.git}, where the deployer's
 * internal git-server URL ({@code file://{root}}) makes it clone from, as it would from the
 * git-server. Commits are made in a working copy beside it and pushed to {@code main}, as a user's
 * {@code git push} would.
 */
final class BareRepository implements AutoCloseable {
    static final String BRANCH = "main";

    private final Git work;
    private final Path workTree;
    private final Path bare;
    private int commits;

    private BareRepository(Git work, Path workTree, Path bare) {
        this.work = work;
        this.workTree = workTree;
        this.bare = bare;
    }

    /**
     * @param path where the git-server keeps it, {@code {user}/{project}/{repo}}
     */
    static BareRepository create(Path root, String path) {
        Path bare = root.resolve(path + ".git");
        Path workTree = root.resolve("work-" + path.replace('/', '-'));
        try {
            Git.init()
                    .setBare(true)
                    .setInitialBranch(BRANCH)
                    .setDirectory(bare.toFile())
                    .call()
                    .close();
            Git work = Git.init().setInitialBranch(BRANCH).setDirectory(workTree.toFile()).call();
            work.remoteAdd().setName("origin").setUri(new URIish(bare.toUri().toString())).call();
            return new BareRepository(work, workTree, bare);
        } catch (GitAPIException | URISyntaxException e) {
            throw new IllegalStateException("cannot create the repository " + bare, e);
        }
    }

    /** The bare repository's directory, which the deployer clones from. */
    Path bare() {
        return bare;
    }

    /** Writes {@code file} (executable when asked) into the next commit. */
    BareRepository write(String file, byte[] content, boolean executable) {
        Path path = workTree.resolve(file);
        try {
            Files.createDirectories(path.getParent());
            Files.write(path, content);
            path.toFile().setExecutable(executable, false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    BareRepository write(String file, String content) {
        return write(file, content.getBytes(StandardCharsets.UTF_8), false);
    }

    /** Commits everything written so far and pushes it to {@code main}; returns the commit sha. */
    String commitAndPush(String message) {
        try {
            work.add().addFilepattern(".").call();
            PersonIdent author = new PersonIdent("Integration Test", "it@example.invalid");
            RevCommit commit =
                    work.commit()
                            .setMessage(message + " (" + ++commits + ")")
                            .setAuthor(author)
                            .setCommitter(author)
                            .setSign(false)
                            .call();
            work.push()
                    .setRemote("origin")
                    .setRefSpecs(new RefSpec("refs/heads/" + BRANCH + ":refs/heads/" + BRANCH))
                    .call();
            return commit.getName();
        } catch (GitAPIException e) {
            throw new IllegalStateException("cannot commit and push to " + workTree, e);
        }
    }

    @Override
    public void close() {
        work.close();
    }
}
