package ink.ml.deploy.checks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A Dockerfile read into its stages and instructions: comments dropped, continuation lines joined,
 * so that a check sees one instruction per entry as BuildKit does.
 */
record Dockerfile(Path path, List<Stage> stages) {

    /** One {@code FROM} and the instructions after it. */
    record Stage(String image, Optional<String> name, List<Instruction> instructions) {
        List<String> arguments(String keyword) {
            return instructions.stream()
                    .filter(i -> i.keyword().equals(keyword))
                    .map(Instruction::arguments)
                    .toList();
        }

        /** The user the stage's processes run as: its last USER, else the base image's. */
        Optional<String> user() {
            List<String> users = arguments("USER");
            return users.isEmpty() ? Optional.empty() : Optional.of(users.get(users.size() - 1));
        }
    }

    record Instruction(String keyword, String arguments) {}

    static Dockerfile read(Path path) {
        List<String> lines;
        try {
            lines = Files.readAllLines(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Stage> stages = new ArrayList<>();
        List<Instruction> current = null;
        StringBuilder pending = new StringBuilder();
        for (String raw : lines) {
            String line = raw.strip();
            if (line.startsWith("#") || (line.isEmpty() && pending.isEmpty())) {
                continue;
            }
            if (line.endsWith("\\")) {
                pending.append(line, 0, line.length() - 1).append(' ');
                continue;
            }
            String text = pending.append(line).toString().strip();
            pending.setLength(0);
            if (text.isEmpty()) {
                continue;
            }
            String[] parts = text.split("\\s+", 2);
            Instruction instruction =
                    new Instruction(
                            parts[0].toUpperCase(Locale.ROOT), parts.length > 1 ? parts[1] : "");
            if (instruction.keyword().equals("FROM")) {
                String[] from = instruction.arguments().split("\\s+");
                int image = from[0].startsWith("--platform") ? 1 : 0;
                Optional<String> name =
                        from.length > image + 2 && from[image + 1].equalsIgnoreCase("AS")
                                ? Optional.of(from[image + 2])
                                : Optional.empty();
                current = new ArrayList<>();
                stages.add(new Stage(from[image], name, current));
            } else if (current != null) {
                current.add(instruction);
            } else if (!instruction.keyword().equals("ARG")) {
                throw new IllegalStateException(path + ": " + text + " before the first FROM");
            }
        }
        if (stages.isEmpty()) {
            throw new IllegalStateException(path + " has no FROM");
        }
        return new Dockerfile(path, List.copyOf(stages));
    }

    /** The stage the image is made of. */
    Stage last() {
        return stages.get(stages.size() - 1);
    }

    Stage stage(String name) {
        return stages.stream()
                .filter(s -> s.name().equals(Optional.of(name)))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException(path + " has no stage " + name));
    }

    boolean hasStage(String name) {
        return stages.stream().anyMatch(s -> s.name().equals(Optional.of(name)));
    }
}
