package ink.ml.deploy.deployer.worker.source;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheEditor;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.RemoteRefUpdate;

/**
 * A bare repository on disk, as the git-server keeps them, with commits pushed from a working
 * repository; cloned over {@code file://} with the real JGit transport.
 */
public final class BareRepositoryFixture implements AutoCloseable {
    /** Its path on the git-server, {@code {user}/{project}/{repo}}. */
    public static final String NAME = "u1/shop/shop";

    private static final PersonIdent AUTHOR = new PersonIdent("Test", "test@example.com");

    private final Path directory;
    private final Git work;

    private BareRepositoryFixture(Path directory, Git work) {
        this.directory = directory;
        this.work = work;
    }

    public static BareRepositoryFixture create() {
        try {
            Path directory = Files.createTempDirectory("git-fixture-");
            Git.init()
                    .setBare(true)
                    .setInitialBranch("main")
                    .setDirectory(directory.resolve("repos/" + NAME + ".git").toFile())
                    .call()
                    .close();
            Git work =
                    Git.init()
                            .setInitialBranch("main")
                            .setDirectory(directory.resolve("work").toFile())
                            .call();
            return new BareRepositoryFixture(directory, work);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GitAPIException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code file://…/repos}: a git-server base URL under which {@link #NAME} is served. */
    public String baseUrl() {
        return directory.resolve("repos").toUri().toString().replaceAll("/$", "");
    }

    public String url() {
        return baseUrl() + "/" + NAME + ".git";
    }

    public RemoteRepository remote() {
        return new RemoteRepository(NAME, url(), null);
    }

    /** Writes the files (path → content), commits everything and pushes to main; the new sha. */
    public String commit(Map<String, byte[]> files) {
        return commit(files, Set.of());
    }

    /** As {@link #commit(Map)}, with the named files executable (mode 100755 in the tree). */
    public String commit(Map<String, byte[]> files, Set<String> executables) {
        try {
            Path root = work.getRepository().getWorkTree().toPath();
            for (Map.Entry<String, byte[]> file : files.entrySet()) {
                Path path = root.resolve(file.getKey());
                Files.createDirectories(path.getParent());
                Files.write(path, file.getValue());
                if (executables.contains(file.getKey())) {
                    Files.setPosixFilePermissions(
                            path, PosixFilePermissions.fromString("rwxr-xr-x"));
                }
            }
            work.add().addFilepattern(".").call();
            return commitAndPush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GitAPIException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Adds a submodule entry (a gitlink) at {@code path}, as {@code git submodule add} would. */
    public String commitSubmodule(String path) {
        try {
            DirCache index = work.getRepository().lockDirCache();
            DirCacheEditor editor = index.editor();
            editor.add(
                    new DirCacheEditor.PathEdit(path) {
                        @Override
                        public void apply(DirCacheEntry entry) {
                            entry.setFileMode(FileMode.GITLINK);
                            entry.setObjectId(
                                    ObjectId.fromString(
                                            "0123456789abcdef0123456789abcdef01234567"));
                        }
                    });
            editor.commit();
            return commit(
                    Map.of(
                            ".gitmodules",
                            ("[submodule \""
                                            + path
                                            + "\"]\n\tpath = "
                                            + path
                                            + "\n\turl = ../lib.git\n")
                                    .getBytes()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String commitAndPush() throws GitAPIException {
        RevCommit commit =
                work.commit()
                        .setMessage("change")
                        .setAuthor(AUTHOR)
                        .setCommitter(AUTHOR)
                        .setSign(false)
                        .call();
        for (PushResult result :
                work.push()
                        .setRemote(url())
                        .setRefSpecs(new RefSpec("HEAD:refs/heads/main"))
                        .call()) {
            for (RemoteRefUpdate update : result.getRemoteUpdates()) {
                if (update.getStatus() != RemoteRefUpdate.Status.OK) {
                    throw new IllegalStateException("fixture push failed: " + update.getStatus());
                }
            }
        }
        return commit.name();
    }

    @Override
    public void close() {
        work.close();
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
