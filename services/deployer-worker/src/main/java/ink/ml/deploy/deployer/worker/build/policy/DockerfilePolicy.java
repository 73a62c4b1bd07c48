package ink.ml.deploy.deployer.worker.build.policy;

import ink.ml.deploy.deployer.worker.build.policy.DockerfileParser.Directive;
import ink.ml.deploy.deployer.worker.build.policy.DockerfileParser.Instruction;
import ink.ml.deploy.deployer.worker.build.policy.DockerfileParser.Parsed;
import ink.ml.deploy.deployer.worker.build.policy.ImageReferences.ImageReference;
import ink.ml.deploy.deployer.worker.build.policy.Variables.Expansion;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a customer's Dockerfile may pull into a build, checked on its text before the build runs.
 * The build network's egress filter and the registry's per-namespace tokens are what isolate
 * projects; this check is in front of them so that a user reads which line is refused and why,
 * instead of a connection error from deep inside BuildKit.
 *
 * <p>Refused: a custom BuildKit frontend ({@code # syntax=}), downloads ({@code ADD <url>}, git
 * remotes) from hosts that are not public, and images ({@code FROM}, {@code COPY --from}, {@code
 * RUN --mount=from=}) other than public ones, the project's own and the platform's base images.
 *
 * @param registryHost the platform registry, e.g. {@code registry.internal:5000}
 * @param baseImageNamespace its namespace of base images every project may use, e.g. {@code base}
 */
public record DockerfilePolicy(String registryHost, String baseImageNamespace) {
    public DockerfilePolicy {
        registryHost = configuredRegistry(registryHost);
        baseImageNamespace = requireNamespace("baseImageNamespace", baseImageNamespace);
    }

    /**
     * Empty when the Dockerfile may be built for the project whose registry namespace is {@code
     * tenantNamespace} (e.g. {@code dp-u42-shop}); otherwise every refusal, each naming its line
     * and the rule in words a user can act on.
     */
    public List<String> refusals(String dockerfileText, String tenantNamespace) {
        String tenant = requireNamespace("tenantNamespace", tenantNamespace);
        return new Check(this, tenant, DockerfileParser.parse(dockerfileText)).run(dockerfileText);
    }

    private static String configuredRegistry(String registryHost) {
        if (registryHost == null || registryHost.isBlank()) {
            throw new IllegalArgumentException("registryHost is required");
        }
        String host = registryHost.strip().replaceFirst("(?i)^https?://", "");
        while (host.endsWith("/")) {
            host = host.substring(0, host.length() - 1);
        }
        return ImageReferences.normalizedRegistry(host);
    }

    private static String requireNamespace(String field, String namespace) {
        String value = namespace == null ? "" : namespace.strip().replaceAll("^/+|/+$", "");
        if (value.isEmpty()) {
            throw new IllegalArgumentException(field + " is required");
        }
        return value;
    }

    /** One pass over one Dockerfile: the variables and stages in scope at each line. */
    private static final class Check {
        private final DockerfilePolicy policy;
        private final String tenant;
        private final Parsed parsed;
        private final List<String> refusals = new ArrayList<>();
        private final Set<String> stageNames = new HashSet<>();
        private final Map<String, Variables> stages = new HashMap<>();
        private final Variables global = Variables.global();
        private Variables stage;

        Check(DockerfilePolicy policy, String tenant, Parsed parsed) {
            this.policy = policy;
            this.tenant = tenant;
            this.parsed = parsed;
        }

        List<String> run(String text) {
            checkDirectives(text);
            for (Instruction instruction : parsed.instructions()) {
                if (instruction.keyword().equals("from")) {
                    stageName(instruction).ifPresent(stageNames::add);
                }
            }
            for (Instruction instruction : parsed.instructions()) {
                switch (instruction.keyword()) {
                    case "from" -> from(instruction);
                    case "arg" -> arg(instruction);
                    case "env" -> env(instruction);
                    case "onbuild" -> onbuild(instruction);
                    default -> sources(instruction, stage == null ? global : stage, "");
                }
            }
            return List.copyOf(refusals);
        }

        /** A trigger runs in a stage or build on this one, with variables not knowable here. */
        private void onbuild(Instruction instruction) {
            instruction
                    .trigger()
                    .ifPresent(trigger -> sources(trigger, Variables.stage(), "ONBUILD "));
        }

        private void checkDirectives(String text) {
            if (DockerfileParser.stripGoSpace(text.replaceFirst("^\uFEFF", "")).startsWith("{")) {
                refuse(
                        1,
                        "the Dockerfile is a JSON document, which can select a custom BuildKit"
                                + " frontend: write it as a Dockerfile");
            }
            boolean checkSeen = false;
            for (Directive directive : parsed.directives()) {
                if (directive.name().equals("syntax")) {
                    refuse(
                            directive.line(),
                            "the syntax directive selects a custom BuildKit frontend, an image"
                                    + " that runs its own code in the build service: remove the"
                                    + " line, the standard Dockerfile frontend builds the file");
                }
                if (directive.applied() && directive.name().equals("check")) {
                    checkSeen = true;
                }
                if (directive.applied() && directive.name().equals("escape") && checkSeen) {
                    refuse(
                            directive.line(),
                            "put the escape directive before the check directive: BuildKit"
                                    + " versions disagree on whether an escape after check"
                                    + " applies, so the file cannot be read reliably");
                }
            }
        }

        private void from(Instruction instruction) {
            Variables next = fromStage(instruction);
            stage = next;
            stageName(instruction).ifPresent(name -> stages.put(name, next));
        }

        /** Checks the base and returns the new stage's variables. */
        private Variables fromStage(Instruction instruction) {
            List<String> words = DockerfileParser.fields(instruction.arguments());
            if (words.isEmpty()) {
                return Variables.stage();
            }
            Expansion image = global.expand(words.get(0), parsed.escape());
            Variables earlier = stages.get(image.value().toLowerCase(Locale.ROOT));
            if (!image.resolved()) {
                refuseVariable(instruction.line(), "FROM image", words.get(0), "image name");
            } else if (earlier != null) {
                return earlier.child();
            } else if (!image.value().equals("scratch")) {
                checkImage(instruction.line(), "FROM", image.value());
            }
            return Variables.stage();
        }

        private static Optional<String> stageName(Instruction from) {
            List<String> words = DockerfileParser.fields(from.arguments());
            return words.size() == 3 && words.get(1).equalsIgnoreCase("as")
                    ? Optional.of(words.get(2).toLowerCase(Locale.ROOT))
                    : Optional.empty();
        }

        private void arg(Instruction instruction) {
            Variables scope = stage == null ? global : stage;
            for (String word : DockerfileParser.words(instruction.arguments(), parsed.escape())) {
                int equals = word.indexOf('=');
                if (equals < 0) {
                    scope.declare(word, global);
                } else {
                    Expansion value = scope.expand(word.substring(equals + 1), parsed.escape());
                    scope.setArg(word.substring(0, equals), value);
                }
            }
        }

        private void env(Instruction instruction) {
            if (stage == null) {
                return;
            }
            List<String> words = DockerfileParser.words(instruction.arguments(), parsed.escape());
            Map<String, String> raw = new LinkedHashMap<>();
            if (!words.isEmpty() && !words.get(0).contains("=")) {
                // The old form, ENV name value: the value is the rest of the line.
                String[] parts = instruction.arguments().split("[\\t\\u000B\\f\\r ]+", 2);
                raw.put(parts[0], parts.length > 1 ? parts[1] : "");
            } else {
                for (String word : words) {
                    int equals = word.indexOf('=');
                    if (equals > 0) {
                        raw.put(word.substring(0, equals), word.substring(equals + 1));
                    }
                }
            }
            // Every value of one ENV is expanded before any of them is set, as BuildKit does.
            Map<String, Expansion> values = new LinkedHashMap<>();
            raw.forEach((name, value) -> values.put(name, stage.expand(value, parsed.escape())));
            values.forEach(stage::setEnv);
        }

        private void sources(Instruction instruction, Variables scope, String label) {
            switch (instruction.keyword()) {
                case "add" -> addSources(instruction, scope, label);
                case "copy" -> {
                    for (String from : instruction.flagValues("from")) {
                        stageOrImage(instruction, scope, label + "COPY --from", from, true);
                    }
                }
                case "run" -> {
                    for (String mount : instruction.flagValues("mount")) {
                        for (String field : csvFields(mount)) {
                            int equals = field.indexOf('=');
                            if (equals > 0
                                    && field.substring(0, equals)
                                            .strip()
                                            .equalsIgnoreCase("from")) {
                                String from = field.substring(equals + 1);
                                stageOrImage(
                                        instruction,
                                        scope,
                                        label + "RUN --mount from",
                                        from,
                                        false);
                            }
                        }
                    }
                }
                default -> {}
            }
        }

        private void stageOrImage(
                Instruction instruction,
                Variables scope,
                String what,
                String reference,
                boolean stageIndexAllowed) {
            if (reference.isEmpty()) {
                return;
            }
            Expansion value = scope.expand(reference, parsed.escape());
            if (!value.resolved()) {
                refuseVariable(instruction.line(), what + " image", reference, "image name");
                return;
            }
            String name = value.value();
            boolean stageReference =
                    stageNames.contains(name.toLowerCase(Locale.ROOT))
                            || stageIndexAllowed && name.matches("[+-]?[0-9]+")
                            || name.equals("scratch");
            if (!stageReference) {
                checkImage(instruction.line(), what, name);
            }
        }

        private void addSources(Instruction instruction, Variables scope, String label) {
            List<String> arguments =
                    DockerfileParser.jsonArray(instruction.arguments())
                            .orElseGet(() -> DockerfileParser.fields(instruction.arguments()));
            List<String> sources =
                    arguments.size() > 1 ? arguments.subList(0, arguments.size() - 1) : arguments;
            for (String source : sources) {
                Expansion value = scope.expand(source, parsed.escape());
                if (!value.resolved()) {
                    if (mayBeRemote(value.prefix())) {
                        refuseVariable(instruction.line(), label + "ADD source", source, "source");
                    }
                    continue;
                }
                for (String host : PublicHosts.hostsOfRemoteSource(value.value())) {
                    if (!PublicHosts.isPublic(host)) {
                        refuse(
                                instruction.line(),
                                "%sADD %s downloads from %s, which is not a public host: "
                                                .formatted(label, value.value(), host)
                                        + "download from a public address, or commit the file"
                                        + " to the repository");
                        break;
                    }
                }
            }
        }

        /**
         * Whether a source whose expansion stopped at an unknown variable could still turn out a
         * URL or git remote: only a slash with no colon before it makes it a local path for sure.
         */
        private static boolean mayBeRemote(String knownPrefix) {
            int slash = knownPrefix.indexOf('/');
            return slash < 0 || knownPrefix.substring(0, slash).contains(":");
        }

        private void checkImage(int line, String what, String reference) {
            Optional<ImageReference> parsedReference = ImageReferences.parse(reference);
            if (parsedReference.isEmpty()) {
                refuse(line, what + " \"" + reference + "\" is not a valid image reference");
                return;
            }
            ImageReference image = parsedReference.get();
            if (image.registry() == null) {
                return;
            }
            String registry = ImageReferences.normalizedRegistry(image.registry());
            String host = PublicHosts.withoutPort(registry);
            String allowed = allowedImages();
            if (host.equals(PublicHosts.withoutPort(policy.registryHost()))) {
                if (!registry.equals(policy.registryHost())) {
                    refuse(
                            line,
                            what
                                    + " "
                                    + reference
                                    + " names the platform registry on"
                                    + " another port: write it as "
                                    + policy.registryHost()
                                    + "/…");
                } else if (!image.namespace().equalsIgnoreCase(tenant)
                        && !image.namespace().equalsIgnoreCase(policy.baseImageNamespace())) {
                    refuse(
                            line,
                            what
                                    + " "
                                    + reference
                                    + " is another project's image: a build"
                                    + " may use only "
                                    + allowed);
                }
            } else if (!PublicHosts.isPublic(host)) {
                refuse(
                        line,
                        what
                                + " "
                                + reference
                                + " comes from "
                                + host
                                + ", which is not a"
                                + " public registry: a build may pull only public images, "
                                + allowed);
            }
        }

        private String allowedImages() {
            return "its own project's images ("
                    + policy.registryHost()
                    + "/"
                    + tenant
                    + "/…) and the platform's base images ("
                    + policy.registryHost()
                    + "/"
                    + policy.baseImageNamespace()
                    + "/…)";
        }

        private void refuseVariable(int line, String what, String raw, String writeOut) {
            refuse(
                    line,
                    "%s \"%s\" uses a variable this check cannot resolve ".formatted(what, raw)
                            + "(an ARG without default, or a value from the base image): "
                            + "write the %s out".formatted(writeOut));
        }

        private void refuse(int line, String reason) {
            refusals.add("line " + line + ": " + reason);
        }

        /** The fields of a {@code --mount} value, which BuildKit reads as one CSV record. */
        private static List<String> csvFields(String value) {
            List<String> fields = new ArrayList<>();
            StringBuilder field = new StringBuilder();
            boolean quoted = false;
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (quoted) {
                    if (c != '"') {
                        field.append(c);
                    } else if (i + 1 < value.length() && value.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else if (c == ',') {
                    fields.add(field.toString());
                    field.setLength(0);
                } else if (c == '"' && field.isEmpty()) {
                    quoted = true;
                } else {
                    field.append(c);
                }
            }
            fields.add(field.toString());
            return fields;
        }
    }
}
