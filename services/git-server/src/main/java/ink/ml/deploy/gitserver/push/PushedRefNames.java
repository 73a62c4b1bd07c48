package ink.ml.deploy.gitserver.push;

import ink.ml.deploy.domain.GitBranch;
import java.util.Optional;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.Repository;

/**
 * The names a push may create or move: branches and tags only, valid under git's rules, and plain
 * enough to reach a deployment unquoted.
 *
 * <p>A pushed branch name travels on: into {@code GitPushWorkflow}, into the deployer's {@code git}
 * commands, into logs and labels. A part starting with '-' would read as an option there ({@code
 * --upload-pack=…}), shell characters ({@code $(id)}) would run in any script that forgot to quote
 * it, and {@code HEAD} as a branch makes every {@code HEAD} ambiguous. Other namespaces ({@code
 * refs/meta/…}, {@code refs/notes/…}) are not fetched by a clone and nothing here reads them, so
 * they would only hide objects.
 */
public final class PushedRefNames {
    private static final String ALLOWED_PUNCTUATION = "._-+/";

    private PushedRefNames() {}

    /** Why {@code refName} may not be created or updated, or empty when it may. */
    public static Optional<String> refusal(String refName) {
        String name;
        if (refName.startsWith(Constants.R_HEADS)) {
            name = refName.substring(Constants.R_HEADS.length());
        } else if (refName.startsWith(Constants.R_TAGS)) {
            name = refName.substring(Constants.R_TAGS.length());
        } else {
            return Optional.of("only branches (refs/heads/*) and tags (refs/tags/*) can be pushed");
        }
        if (!Repository.isValidRefName(refName)) {
            return Optional.of("not a valid git ref name");
        }
        if (name.equals(Constants.HEAD)) {
            return Optional.of("HEAD is reserved: it cannot name a branch or tag");
        }
        for (String part : name.split("/")) {
            if (part.startsWith("-")) {
                return Optional.of("no part of the name may start with '-'");
            }
        }
        if (!name.chars().allMatch(PushedRefNames::allowed)) {
            return Optional.of("a name may contain only ASCII letters, digits and . _ - + /");
        }
        if (name.length() > GitBranch.MAX_LENGTH) {
            return Optional.of("a name may have at most " + GitBranch.MAX_LENGTH + " characters");
        }
        return Optional.empty();
    }

    private static boolean allowed(int c) {
        return (c >= 'a' && c <= 'z')
                || (c >= 'A' && c <= 'Z')
                || (c >= '0' && c <= '9')
                || ALLOWED_PUNCTUATION.indexOf(c) >= 0;
    }
}
