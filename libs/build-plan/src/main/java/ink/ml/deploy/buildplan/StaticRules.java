package ink.ml.deploy.buildplan;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A static site: an index.html at the root, or in the directory the service's settings or a
 * Railpack-style {@code Staticfile} ({@code root: <dir>}) name, or in public/, dist/ or build/.
 */
final class StaticRules {
    static final String INDEX = "index.html";
    static final String STATICFILE = "Staticfile";
    static final String SITE_ROOT = "/site";

    /** Directories holding an already built site, tried in this order after the root. */
    static final List<String> SITE_DIRECTORIES = List.of("public", "dist", "build");

    /**
     * Characters a site directory may have: it is written into a COPY instruction, where {@code $}
     * would expand and spaces would need quoting.
     */
    private static final Pattern SAFE_DIRECTORY = Pattern.compile("[A-Za-z0-9._/-]+");

    private static final Pattern STATICFILE_ROOT = Pattern.compile("^root\\s*:\\s*(.*)$");

    private StaticRules() {}

    /** busybox httpd in the foreground on {@code $PORT}, serving the site's directory. */
    static String serveCommand() {
        return "busybox httpd -f -p $PORT -h " + SITE_ROOT;
    }

    static boolean applies(Checkout checkout) {
        return checkout.isFile(INDEX)
                || checkout.isFile(STATICFILE)
                || SITE_DIRECTORIES.stream().anyMatch(dir -> checkout.isFile(dir + "/" + INDEX));
    }

    static String lookedFor() {
        return "index.html (at the root, in public/, dist/ or build/, or in a Staticfile's root:)";
    }

    static GeneratedBuild generate(
            Checkout checkout, BuildOptions options, PlanBuilder plan, BaseImages images) {
        if (plan.hasUserInstall() || plan.hasUserBuild()) {
            throw new NothingDetectedException(
                    "build: static serves the files as they are committed, so installCommand and"
                            + " buildCommand cannot run; use build: node to build the site"
                            + " (its output in out/, dist/ or build/ is then served), or clear"
                            + " them");
        }
        String directory = siteDirectory(checkout, options, plan);
        plan.install(null, null).build(null, null);
        plan.start(
                serveCommand(),
                "start: busybox httpd serves "
                        + (directory.equals(".") ? "the root directory" : directory + "/")
                        + " from the static base image");
        BuildPlan built = plan.plan();
        return new GeneratedBuild(built, StaticDockerfile.render(built, directory, images));
    }

    private static String siteDirectory(Checkout checkout, BuildOptions options, PlanBuilder plan) {
        if (options.staticDirectory() != null && !options.staticDirectory().isBlank()) {
            String directory = checkedDirectory("staticDirectory", options.staticDirectory());
            requireIndex(checkout, directory, "the service's staticDirectory");
            plan.reason("site: " + directory + "/, the service's staticDirectory");
            return directory;
        }
        Optional<String> staticfileRoot = staticfileRoot(checkout);
        if (staticfileRoot.isPresent()) {
            String directory = checkedDirectory("the Staticfile's root:", staticfileRoot.get());
            requireIndex(checkout, directory, "the Staticfile's root:");
            plan.reason("site: " + directory + "/, the Staticfile's root:");
            return directory;
        }
        if (checkout.isFile(INDEX)) {
            plan.reason("site: index.html at the root directory (.git is left out)");
            return ".";
        }
        for (String directory : SITE_DIRECTORIES) {
            if (checkout.isFile(directory + "/" + INDEX)) {
                plan.reason(
                        "site: "
                                + directory
                                + "/index.html (the root has none; tried "
                                + String.join("/, ", SITE_DIRECTORIES)
                                + "/ in this order)");
                return directory;
            }
        }
        throw new NothingDetectedException(
                "build: static found no "
                        + lookedFor()
                        + "; add an index.html or set the"
                        + " service's staticDirectory");
    }

    private static Optional<String> staticfileRoot(Checkout checkout) {
        return checkout.read(STATICFILE)
                .flatMap(
                        text -> {
                            for (String line : text.split("\n", -1)) {
                                Matcher root = STATICFILE_ROOT.matcher(line.strip());
                                if (root.matches()) {
                                    return Optional.of(root.group(1).strip());
                                }
                            }
                            return Optional.empty();
                        });
    }

    /** A relative directory inside the context, normalised without a trailing slash. */
    static String checkedDirectory(String source, String value) {
        String directory = value.strip();
        while (directory.startsWith("./")) {
            directory = directory.substring(2);
        }
        while (directory.endsWith("/")) {
            directory = directory.substring(0, directory.length() - 1);
        }
        if (directory.isEmpty()) {
            return ".";
        }
        if (!SAFE_DIRECTORY.matcher(directory).matches()
                || directory.startsWith("/")
                || List.of(directory.split("/")).contains("..")) {
            throw new NothingDetectedException(
                    source
                            + " must be a relative directory inside the root directory, made of"
                            + " letters, digits, '.', '_', '-' and '/' (got \""
                            + value.strip()
                            + "\")");
        }
        return directory;
    }

    private static void requireIndex(Checkout checkout, String directory, String source) {
        if (!checkout.isFile(directory + "/" + INDEX)) {
            throw new NothingDetectedException(
                    source + " names " + directory + "/, which has no index.html");
        }
    }
}
