package ink.ml.deploy.deployer.worker.source;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevTree;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * What a commit's tree holds that a checkout would get wrong, read before anything is written to
 * the working tree: its total size, submodules (a clone leaves them as empty directories) and Git
 * LFS files (a clone leaves pointer files in place of the content). Either would build an image
 * that silently lacks code, so both are refused where they reach the build context.
 */
record TreeInspection(long totalBytes, List<String> submodules, List<String> lfsAttributes) {
    private static final Pattern LFS_FILTER = Pattern.compile("(?m)^[^#]*\\sfilter=lfs(\\s|$)");
    private static final int MAX_ATTRIBUTES_BYTES = 64 * 1024;

    /**
     * @param context the build's root directory inside the repository, "" for the root
     */
    static TreeInspection of(Repository repository, RevTree tree, String context)
            throws IOException {
        long total = 0;
        List<String> submodules = new ArrayList<>();
        List<String> lfs = new ArrayList<>();
        try (ObjectReader reader = repository.newObjectReader();
                TreeWalk walk = new TreeWalk(repository, reader)) {
            walk.addTree(tree);
            walk.setRecursive(true);
            while (walk.next()) {
                String path = walk.getPathString();
                FileMode mode = walk.getFileMode(0);
                if (mode == FileMode.GITLINK) {
                    if (within(path, context)) {
                        submodules.add(path);
                    }
                    continue;
                }
                long size = reader.getObjectSize(walk.getObjectId(0), Constants.OBJ_BLOB);
                total += size;
                if (walk.getNameString().equals(".gitattributes")
                        && appliesTo(parentOf(path), context)
                        && size <= MAX_ATTRIBUTES_BYTES) {
                    String attributes =
                            new String(
                                    reader.open(walk.getObjectId(0)).getBytes(),
                                    StandardCharsets.UTF_8);
                    if (LFS_FILTER.matcher(attributes).find()) {
                        lfs.add(path);
                    }
                }
            }
        }
        return new TreeInspection(total, List.copyOf(submodules), List.copyOf(lfs));
    }

    private static boolean within(String path, String context) {
        return context.isEmpty() || path.equals(context) || path.startsWith(context + "/");
    }

    /**
     * Attributes in {@code dir} apply below it: relevant if it contains, or is inside, the context.
     */
    private static boolean appliesTo(String dir, String context) {
        return dir.isEmpty() || within(dir, context) || within(context, dir);
    }

    private static String parentOf(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? "" : path.substring(0, slash);
    }
}
