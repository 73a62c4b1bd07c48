package ink.ml.deploy.checks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Reads a manifest into the fabric8 model the way the API server's strict field validation would: a
 * field the model does not know is an error, not a silently kept extra.
 *
 * <p>fabric8's model classes keep unknown fields (and fields of the wrong type) in their {@code
 * additionalProperties} instead of failing, whatever Jackson's FAIL_ON_UNKNOWN_PROPERTIES says, so
 * the mapper is configured strictly and the parsed tree is then walked for any non-empty {@code
 * additionalProperties}. A kind fabric8 does not know parses as a {@link GenericKubernetesResource}
 * whose content is all "additional": those are the custom resources, checked by {@link
 * CustomResourceShapes} instead.
 */
final class StrictModel {
    private static final KubernetesSerialization SERIALIZATION = strictSerialization();
    private static final ObjectMapper JSON = new ObjectMapper();

    private StrictModel() {}

    static KubernetesSerialization serialization() {
        return SERIALIZATION;
    }

    /** The document as its fabric8 class (generic for custom resources). */
    static HasMetadata parse(ManifestDocument document) {
        try {
            return SERIALIZATION.unmarshal(JSON.writeValueAsString(document.tree()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(document + " cannot be written as JSON", e);
        }
    }

    /** Paths of every field the model did not recognise; empty when the object is well formed. */
    static List<String> unknownFields(HasMetadata resource) {
        List<String> unknown = new ArrayList<>();
        if (resource instanceof GenericKubernetesResource generic) {
            // Only metadata is typed in a generic resource; the rest is the custom resource's own.
            walk(generic.getMetadata(), "metadata", unknown);
        } else {
            walk(resource, "", unknown);
        }
        return unknown;
    }

    private static KubernetesSerialization strictSerialization() {
        ObjectMapper mapper = new ObjectMapper();
        KubernetesSerialization serialization = new KubernetesSerialization(mapper, true);
        mapper.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        mapper.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
        return serialization;
    }

    private static void walk(Object node, String path, List<String> unknown) {
        if (node == null
                || node instanceof String
                || node instanceof Number
                || node instanceof Boolean
                || node instanceof Enum<?>) {
            return;
        }
        if (node instanceof Map<?, ?> map) {
            map.forEach((key, value) -> walk(value, path + "[" + key + "]", unknown));
            return;
        }
        if (node instanceof Collection<?> list) {
            int i = 0;
            for (Object item : list) {
                walk(item, path + "[" + i++ + "]", unknown);
            }
            return;
        }
        if (!node.getClass().getName().startsWith("io.fabric8.kubernetes.api.model")) {
            return;
        }
        if (node instanceof Quantity || node instanceof IntOrString) {
            // Scalars in YAML; their parse is checked by the values themselves.
            return;
        }
        for (Method getter : getters(node.getClass())) {
            Object value = invoke(getter, node);
            String name = propertyName(getter);
            if (name.equals("additionalProperties")) {
                if (value instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    extra.keySet().forEach(key -> unknown.add(join(path, String.valueOf(key))));
                }
            } else {
                walk(value, join(path, name), unknown);
            }
        }
    }

    private static List<Method> getters(Class<?> type) {
        return Arrays.stream(type.getMethods())
                .filter(m -> m.getParameterCount() == 0)
                .filter(m -> !Modifier.isStatic(m.getModifiers()))
                .filter(m -> m.getDeclaringClass() != Object.class)
                .filter(m -> m.getName().startsWith("get") || m.getName().startsWith("is"))
                // Derived accessors of HasMetadata (getPlural, getSingular, getFullResourceName…)
                // are not fields; the model's fields all have a Jackson-visible backing field.
                .filter(m -> hasField(type, propertyName(m)))
                .sorted(Comparator.comparing(Method::getName))
                .toList();
    }

    private static boolean hasField(Class<?> type, String name) {
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            try {
                c.getDeclaredField(name);
                return true;
            } catch (NoSuchFieldException e) {
                // look further up
            }
        }
        return false;
    }

    private static String propertyName(Method getter) {
        String name = getter.getName();
        String bare = name.startsWith("is") ? name.substring(2) : name.substring(3);
        return bare.isEmpty() ? bare : Character.toLowerCase(bare.charAt(0)) + bare.substring(1);
    }

    private static Object invoke(Method getter, Object target) {
        try {
            return getter.invoke(target);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + getter, e);
        }
    }

    private static String join(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }
}
