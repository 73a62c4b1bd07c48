package ink.ml.deploy.checks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Plain JSON values in the types CEL expects: integers as longs, decimals as doubles. */
final class CelValues {
    private CelValues() {}

    @SuppressWarnings("unchecked")
    static <T> T of(T value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> converted = new LinkedHashMap<>();
            map.forEach((k, v) -> converted.put(String.valueOf(k), of(v)));
            return (T) converted;
        }
        if (value instanceof List<?> list) {
            List<Object> converted = new ArrayList<>();
            list.forEach(item -> converted.add(of(item)));
            return (T) converted;
        }
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return (T) Long.valueOf(((Number) value).longValue());
        }
        if (value instanceof Float) {
            return (T) Double.valueOf(((Float) value).doubleValue());
        }
        return value;
    }
}
