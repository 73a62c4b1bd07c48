package ink.ml.deploy.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.temporal.activity.ActivityInterface;
import io.temporal.workflow.WorkflowInterface;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class PayloadReflectionTest {
    private static final String PLATFORM_PACKAGE = "ink.ml.deploy.";

    @Test
    void everyTypeAWorkflowOrActivityTakesOrReturnsIsRegisteredForReflection() {
        List<Class<?>> contracts = contracts();
        Set<String> crossing = new TreeSet<>();
        for (Class<?> contract : contracts) {
            for (Method method : contract.getMethods()) {
                walk(method.getGenericReturnType(), crossing);
                for (Type parameter : method.getGenericParameterTypes()) {
                    walk(parameter, crossing);
                }
            }
        }

        assertThat(contracts).as("the workflow and activity interfaces").hasSizeGreaterThan(10);
        assertThat(registered())
                .as("PayloadReflection's targets and classNames")
                .containsAll(crossing);
    }

    @Test
    void everyRegisteredClassNameNamesAClass() {
        RegisterForReflection registration =
                PayloadReflection.class.getAnnotation(RegisterForReflection.class);

        assertThat(registration.classNames())
                .allSatisfy(name -> assertThat(Class.forName(name)).isNotNull());
    }

    private static List<Class<?>> contracts() {
        return new ClassFileImporter()
                        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("ink.ml.deploy.workflow")
                        .stream()
                        .filter(
                                c ->
                                        c.isAnnotatedWith(ActivityInterface.class)
                                                || c.isAnnotatedWith(WorkflowInterface.class))
                        .map(JavaClass::reflect)
                        .<Class<?>>map(c -> c)
                        .toList();
    }

    private static Set<String> registered() {
        RegisterForReflection registration =
                PayloadReflection.class.getAnnotation(RegisterForReflection.class);
        Set<String> names = new TreeSet<>(Arrays.asList(registration.classNames()));
        Stream.of(registration.targets()).map(Class::getName).forEach(names::add);
        return names;
    }

    /**
     * Collects the platform's types that Jackson reads or writes when it converts a value of this
     * type: record components, fields, sealed subtypes, generic arguments and the parameters of a
     * {@link JsonCreator}.
     */
    private static void walk(Type type, Set<String> seen) {
        if (type instanceof ParameterizedType parameterized) {
            walk(parameterized.getRawType(), seen);
            Stream.of(parameterized.getActualTypeArguments()).forEach(a -> walk(a, seen));
        } else if (type instanceof GenericArrayType array) {
            walk(array.getGenericComponentType(), seen);
        } else if (type instanceof WildcardType wildcard) {
            Stream.of(wildcard.getUpperBounds()).forEach(bound -> walk(bound, seen));
            Stream.of(wildcard.getLowerBounds()).forEach(bound -> walk(bound, seen));
        } else if (type instanceof TypeVariable<?> variable) {
            Stream.of(variable.getBounds()).forEach(bound -> walk(bound, seen));
        } else if (type instanceof Class<?> c) {
            walkClass(c, seen);
        } else {
            throw new IllegalArgumentException("unexpected type " + type);
        }
    }

    private static void walkClass(Class<?> c, Set<String> seen) {
        if (c.isArray()) {
            walk(c.getComponentType(), seen);
            return;
        }
        if (!c.getName().startsWith(PLATFORM_PACKAGE) || !seen.add(c.getName())) {
            return;
        }
        if (c.isRecord()) {
            for (RecordComponent component : c.getRecordComponents()) {
                walk(component.getGenericType(), seen);
            }
        } else if (!c.isEnum()) {
            for (Field field : c.getDeclaredFields()) {
                if (!Modifier.isStatic(field.getModifiers())) {
                    walk(field.getGenericType(), seen);
                }
            }
        }
        if (c.isSealed()) {
            Stream.of(c.getPermittedSubclasses()).forEach(subclass -> walk(subclass, seen));
        }
        for (Method method : c.getDeclaredMethods()) {
            if (method.isAnnotationPresent(JsonCreator.class)) {
                Stream.of(method.getGenericParameterTypes()).forEach(p -> walk(p, seen));
            }
        }
    }
}
