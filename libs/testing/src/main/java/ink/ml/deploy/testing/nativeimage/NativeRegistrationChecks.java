package ink.ml.deploy.testing.nativeimage;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What a service's native registrations must cover, read from the libraries themselves so that a
 * library upgrade that adds a type fails a test instead of a native executable.
 *
 * <p>JGit names are strings: this library does not depend on JGit; the services that use it do.
 */
public final class NativeRegistrationChecks {
    private NativeRegistrationChecks() {}

    /**
     * The enums JGit reads from git configuration. {@code Config.getEnum} finds an enum's constants
     * through its {@code values()} method by reflection, so each must be registered. They are the
     * enums that implement {@code Config.ConfigEnum} and those nested in a {@code *Config} class.
     */
    public static Set<String> jgitConfigEnums() {
        return new ClassFileImporter()
                .importPackages("org.eclipse.jgit").stream()
                        .filter(JavaClass::isEnum)
                        .filter(
                                e ->
                                        e.getAllRawInterfaces().stream()
                                                        .anyMatch(
                                                                i ->
                                                                        i.getName()
                                                                                .equals(
                                                                                        "org.eclipse.jgit.lib.Config$ConfigEnum"))
                                                || e.getEnclosingClass()
                                                        .map(
                                                                c ->
                                                                        c.getSimpleName()
                                                                                .endsWith("Config"))
                                                        .orElse(false))
                        .map(JavaClass::getName)
                        .collect(Collectors.toCollection(TreeSet::new));
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
