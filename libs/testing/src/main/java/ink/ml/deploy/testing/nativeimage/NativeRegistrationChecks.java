package ink.ml.deploy.testing.nativeimage;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * What a service's native registrations must cover, read from the libraries themselves so that a
 * library upgrade that adds a type fails a test instead of a native executable.
 *
 * <p>JGit is found by name: this library does not depend on JGit; the services that use it do.
 */
public final class NativeRegistrationChecks {
    private NativeRegistrationChecks() {}

    /**
     * The enums JGit reads from git configuration. {@code Config.getEnum} finds an enum's constants
     * through its {@code values()} method by reflection, so each must be registered. They are the
     * enums that implement {@code Config.ConfigEnum} and those nested in a {@code *Config} class.
     */
    public static Set<String> jgitConfigEnums() {
        try {
            Class<?> config = Class.forName("org.eclipse.jgit.lib.Config");
            Class<?> configEnum = Class.forName("org.eclipse.jgit.lib.Config$ConfigEnum");
            Path jar = Path.of(config.getProtectionDomain().getCodeSource().getLocation().toURI());
            Set<String> enums = new TreeSet<>();
            try (JarFile classes = new JarFile(jar.toFile())) {
                for (String name : nestedClassNames(classes)) {
                    Class<?> type = loadedOrNull(name, config.getClassLoader());
                    if (type != null
                            && type.isEnum()
                            && (configEnum.isAssignableFrom(type)
                                    || type.getEnclosingClass()
                                            .getSimpleName()
                                            .endsWith("Config"))) {
                        enums.add(name);
                    }
                }
            }
            return enums;
        } catch (ReflectiveOperationException | URISyntaxException e) {
            throw new IllegalStateException("JGit is not on the classpath", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read JGit's jar", e);
        }
    }

    /**
     * Null where the class needs a library JGit only optionally uses (such a class is no enum read
     * from git configuration).
     */
    private static Class<?> loadedOrNull(String name, ClassLoader loader) {
        try {
            return Class.forName(name, false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            return null;
        }
    }

    /** Named nested classes only: an enum constant's body is an anonymous {@code $1}. */
    private static List<String> nestedClassNames(JarFile classes) {
        return classes.stream()
                .map(JarEntry::getName)
                .filter(n -> n.matches("org/eclipse/jgit/.*\\$[A-Za-z][A-Za-z0-9_]*\\.class"))
                .map(n -> n.substring(0, n.length() - ".class".length()).replace('/', '.'))
                .toList();
    }

    /** The classes a {@link RegisterForReflection} on {@code registration} names. */
    public static Set<String> registeredForReflection(Class<?> registration) {
        RegisterForReflection annotation = registration.getAnnotation(RegisterForReflection.class);
        if (annotation == null) {
            return Set.of();
        }
        Set<String> names = new TreeSet<>(Arrays.asList(annotation.classNames()));
        Stream.of(annotation.targets()).map(Class::getName).forEach(names::add);
        return names;
    }
}
