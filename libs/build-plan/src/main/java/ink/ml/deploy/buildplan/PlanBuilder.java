package ink.ml.deploy.buildplan;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Collects a plan while a language's rules run, and applies the overrides every language shares in
 * one place: the service's install, build and start commands win over detection, and a Procfile's
 * {@code web:} wins over the detected start command (the user's start command wins over both).
 */
final class PlanBuilder {
    private final Language language;
    private final int port;
    private final String userInstall;
    private final String userBuild;
    private final Optional<StartOverride> startOverride;
    private final List<String> reasons = new ArrayList<>();
    private String version;
    private String install;
    private String build;
    private String start;

    /** Where an overriding start command came from. */
    record StartOverride(String command, String reason) {}

    PlanBuilder(Language language, BuildOptions options, Checkout checkout) {
        this.language = language;
        this.port = options.port();
        this.userInstall = ShellCommand.checked("installCommand", options.installCommand());
        this.userBuild = ShellCommand.checked("buildCommand", options.buildCommand());
        String userStart = ShellCommand.checked("startCommand", options.startCommand());
        Optional<String> procfile = Procfile.web(checkout);
        if (userStart != null) {
            this.startOverride =
                    Optional.of(
                            new StartOverride(
                                    userStart,
                                    procfile.isPresent()
                                            ? "start: the service's startCommand (it wins over"
                                                    + " the Procfile's web: process)"
                                            : "start: the service's startCommand"));
        } else {
            this.startOverride =
                    procfile.map(
                            web ->
                                    new StartOverride(
                                            web,
                                            "start: the Procfile's web: process (it wins over"
                                                    + " detection)"));
        }
    }

    Language language() {
        return language;
    }

    /** The start command set by the service or the Procfile, which detection must not replace. */
    Optional<StartOverride> startOverride() {
        return startOverride;
    }

    boolean hasUserInstall() {
        return userInstall != null;
    }

    boolean hasUserBuild() {
        return userBuild != null;
    }

    PlanBuilder reason(String reason) {
        reasons.add(reason);
        return this;
    }

    PlanBuilder version(String version, String reason) {
        this.version = version;
        return reason(reason);
    }

    /**
     * @param detected the detected install command, or null when there is nothing to install
     * @param reason why, or null when {@code detected} is null and nothing needs saying
     */
    PlanBuilder install(String detected, String reason) {
        if (userInstall != null) {
            install = userInstall;
            return reason("install: the service's installCommand" + instead(detected));
        }
        install = detected;
        return reason == null ? this : reason(reason);
    }

    PlanBuilder build(String detected, String reason) {
        if (userBuild != null) {
            build = userBuild;
            return reason("build: the service's buildCommand" + instead(detected));
        }
        build = detected;
        return reason == null ? this : reason(reason);
    }

    /** The detected start command; an override, when there is one, wins. */
    PlanBuilder start(String detected, String reason) {
        if (startOverride.isPresent()) {
            start = startOverride.get().command();
            return reason(startOverride.get().reason() + instead(detected));
        }
        start = detected;
        return reason(reason);
    }

    String install() {
        return install;
    }

    String build() {
        return build;
    }

    String start() {
        return start;
    }

    BuildPlan plan() {
        if (start != null && !ShellCommand.isSimple(start) && !start.startsWith("exec ")) {
            reason(
                    "start: a compound command runs under /bin/sh without exec, so stop signals"
                            + " reach the shell, not the app; end it with \"exec <your server>\" to"
                            + " forward them");
        }
        reason("port: the app must listen on 0.0.0.0:$PORT (PORT=" + port + ")");
        return new BuildPlan(language, version, install, build, start, port, reasons);
    }

    private static String instead(String detected) {
        return detected == null ? "" : " instead of the detected \"" + detected + "\"";
    }
}
