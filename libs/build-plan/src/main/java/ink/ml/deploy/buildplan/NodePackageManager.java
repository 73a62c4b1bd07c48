package ink.ml.deploy.buildplan;

import java.util.ArrayList;
import java.util.List;

/**
 * npm, pnpm or yarn, as a Node project's lockfile says. pnpm and yarn run through corepack, which
 * ships with Node; it fetches the package manager itself on first use (the cache mount keeps it).
 */
enum NodePackageManager {
    PNPM(
            "pnpm",
            List.of("pnpm-lock.yaml"),
            "corepack pnpm install --frozen-lockfile",
            "corepack pnpm install",
            List.of(".cache", ".local/share/pnpm")),
    YARN(
            "yarn",
            List.of("yarn.lock"),
            "corepack yarn install --frozen-lockfile",
            "corepack yarn install",
            List.of(".cache", ".yarn/berry")),
    NPM(
            "npm",
            List.of("package-lock.json", "npm-shrinkwrap.json"),
            "npm ci",
            "npm install",
            List.of(".npm"));

    /** Yarn 2+ (berry) is configured by this file and spells "frozen lockfile" differently. */
    static final String YARN_BERRY_CONFIG = ".yarnrc.yml";

    /** Configuration the install reads, copied with the manifests when present. */
    static final List<String> CONFIG_FILES =
            List.of(".npmrc", ".yarnrc", YARN_BERRY_CONFIG, "pnpm-workspace.yaml");

    private final String command;
    private final List<String> lockfiles;
    private final String lockedInstall;
    private final String unlockedInstall;
    private final List<String> homeCaches;

    NodePackageManager(
            String command,
            List<String> lockfiles,
            String lockedInstall,
            String unlockedInstall,
            List<String> homeCaches) {
        this.command = command;
        this.lockfiles = lockfiles;
        this.lockedInstall = lockedInstall;
        this.unlockedInstall = unlockedInstall;
        this.homeCaches = homeCaches;
    }

    String command() {
        return command;
    }

    List<String> lockfiles() {
        return lockfiles;
    }

    /** Directories under the app user's home that cache downloads between builds. */
    List<String> homeCaches() {
        return homeCaches;
    }

    String install(boolean locked, boolean yarnBerry) {
        if (this == YARN && locked && yarnBerry) {
            return "corepack yarn install --immutable";
        }
        return locked ? lockedInstall : unlockedInstall;
    }

    /** The package manager and the lockfile it installs from (null when there is none), and why. */
    record Choice(NodePackageManager manager, String lockfile, String reason) {}

    /**
     * By lockfile: pnpm, then yarn, then npm (Railpack's order) when several exist, unless
     * package.json's {@code packageManager} names one of them; without a lockfile, {@code
     * packageManager} or npm.
     */
    static Choice choose(Checkout checkout, PackageJson manifest) {
        List<String> present = new ArrayList<>();
        NodePackageManager byLockfile = null;
        for (NodePackageManager manager : values()) {
            for (String lockfile : manager.lockfiles) {
                if (checkout.isFile(lockfile)) {
                    present.add(lockfile);
                    byLockfile = byLockfile == null ? manager : byLockfile;
                }
            }
        }
        NodePackageManager fromField = fromField(manifest.packageManager());
        if (byLockfile == null) {
            NodePackageManager manager = fromField == null ? NPM : fromField;
            return new Choice(
                    manager,
                    null,
                    "package manager: "
                            + manager.command
                            + (fromField == null ? "" : " (packageManager in package.json)")
                            + ", no lockfile: commit "
                            + manager.lockfiles.get(0)
                            + " for reproducible installs");
        }
        NodePackageManager manager =
                fromField != null && present.stream().anyMatch(fromField.lockfiles::contains)
                        ? fromField
                        : byLockfile;
        String lockfile =
                present.stream().filter(manager.lockfiles::contains).findFirst().orElseThrow();
        String several =
                present.size() < 2
                        ? ""
                        : " (lockfiles "
                                + String.join(", ", present)
                                + " all exist; "
                                + (manager != byLockfile
                                        ? "packageManager in package.json chose it"
                                        : "pnpm, then yarn, then npm")
                                + "; delete the stale ones)";
        return new Choice(
                manager,
                lockfile,
                "package manager: " + manager.command + ", from " + lockfile + several);
    }

    /** From package.json's {@code packageManager} field, e.g. {@code pnpm@9.1.0}. */
    static NodePackageManager fromField(String packageManager) {
        if (packageManager == null) {
            return null;
        }
        for (NodePackageManager manager : values()) {
            if (packageManager.startsWith(manager.command + "@")) {
                return manager;
            }
        }
        return null;
    }
}
