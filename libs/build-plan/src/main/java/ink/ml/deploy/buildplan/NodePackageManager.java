package ink.ml.deploy.buildplan;

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
