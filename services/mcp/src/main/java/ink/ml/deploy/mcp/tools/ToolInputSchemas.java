package ink.ml.deploy.mcp.tools;

import io.quarkiverse.mcp.server.GlobalInputSchemaGenerator;
import io.quarkiverse.mcp.server.ToolManager.ToolArgument;
import io.quarkiverse.mcp.server.ToolManager.ToolInfo;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Singleton;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;

/**
 * The input schemas of the tools: the type of each argument from its Java type, its description and
 * default from {@code @ToolArg}, and its limits (enums, ranges, patterns) from {@link
 * ArgumentSchemas}. Unknown arguments are refused ({@code additionalProperties: false}), so a
 * misspelt optional argument is an error the model sees, not a silent default.
 */
@Singleton
public class ToolInputSchemas implements GlobalInputSchemaGenerator {

    @Override
    public InputSchema generate(ToolInfo tool) {
        JsonObject properties = new JsonObject();
        JsonArray required = new JsonArray();
        for (ToolArgument argument : tool.arguments()) {
            JsonObject schema = typeOf(argument.type());
            schema.mergeIn(ArgumentSchemas.limits(tool.name(), argument.name()), true);
            if (argument.description() != null && !argument.description().isBlank()) {
                schema.put("description", argument.description());
            }
            if (argument.defaultValue() != null) {
                schema.put("default", defaultOf(argument.type(), argument.defaultValue()));
            }
            properties.put(argument.name(), schema);
            if (argument.required()) {
                required.add(argument.name());
            }
        }
        JsonObject schema =
                new JsonObject()
                        .put("type", "object")
                        .put("properties", properties)
                        .put("required", required)
                        .put("additionalProperties", false);
        return new Schema(schema);
    }

    private record Schema(JsonObject value) implements InputSchema {
        @Override
        public String asJson() {
            return value.encode();
        }
    }

    private static JsonObject typeOf(Type type) {
        if (type == String.class) {
            return new JsonObject().put("type", "string");
        }
        if (type == Integer.class || type == int.class) {
            return new JsonObject().put("type", "integer");
        }
        if (type == Boolean.class || type == boolean.class) {
            return new JsonObject().put("type", "boolean");
        }
        if (type instanceof ParameterizedType generic) {
            Type raw = generic.getRawType();
            if (raw == java.util.Map.class) {
                return new JsonObject()
                        .put("type", "object")
                        .put("additionalProperties", new JsonObject().put("type", "string"));
            }
            if (raw == java.util.List.class) {
                return new JsonObject()
                        .put("type", "array")
                        .put("items", new JsonObject().put("type", "string"));
            }
        }
        throw new IllegalStateException("no JSON schema for tool argument type " + type);
    }

    private static Object defaultOf(Type type, String value) {
        if (type == Integer.class || type == int.class) {
            return Integer.valueOf(value);
        }
        if (type == Boolean.class || type == boolean.class) {
            return Boolean.valueOf(value);
        }
        return value;
    }
}
