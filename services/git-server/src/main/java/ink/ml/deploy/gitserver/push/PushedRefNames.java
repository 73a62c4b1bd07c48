package ink.ml.deploy.gitserver.push;

import ink.ml.deploy.domain.GitBranch;
import java.util.Optional;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.Repository;

/**
 * The names a push may create or move: branches and tags only, named by {@link GitBranch}'s rule
 * for a plain name.
 *
 * <p>A pushed branch name travels on: into {@code GitPushWorkflow}, into the deployer's {@code git}
 * commands, into logs and labels, and a service tracks it by the same {@link GitBranch}. Taking the
 * rule from there keeps the two in step: the git-server stores no branch a service could not be set
 * to follow, and a service cannot be set to follow a branch the git-server would refuse. Tags get
 * the same rule: they reach the same commands as revisions. Other namespaces ({@code refs/meta/…},
 * {@code refs/notes/…}) are not fetched by a clone and nothing here reads them, so they would only
 * hide objects.
 */
public final class PushedRefNames {

    private PushedRefNames() {}

    /** Why {@code refName} may not be created or updated, or empty when it may. */
    public static Optional<String> refusal(String refName) {
        String kind;
        String name;
        if (refName.startsWith(Constants.R_HEADS)) {
            kind = "a branch name ";
            name = refName.substring(Constants.R_HEADS.length());
        } else if (refName.startsWith(Constants.R_TAGS)) {
            kind = "a tag name ";
            name = refName.substring(Constants.R_TAGS.length());
        } else {
            return Optional.of("only branches (refs/heads/*) and tags (refs/tags/*) can be pushed");
        }
        Optional<String> broken = GitBranch.ruleBrokenBy(name);
        if (broken.isPresent()) {
            return Optional.of(kind + broken.get());
        }
        // The plain-name rule is stricter than git's, so this only guards against the two drifting
        // apart: JGit's own check is what the repository will store.
        if (!Repository.isValidRefName(refName)) {
            return Optional.of("not a valid git ref name");
        }
        return Optional.empty();
    }
}
