package ink.ml.deploy.mcp.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ink.ml.deploy.domain.InvalidValueException;
import ink.ml.deploy.platform.common.ConflictException;
import ink.ml.deploy.platform.common.NotFoundException;
import io.quarkiverse.mcp.server.ToolCallException;
import jakarta.interceptor.InvocationContext;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ToolErrorsInterceptorTest {
    private final ToolErrorsInterceptor interceptor = new ToolErrorsInterceptor();

    @Test
    void aValueTypeNamingItselfIsReportedAsTheToolsNameArgument() {
        assertThat(message(new InvalidValueException("service", "must start with a letter")))
                .isEqualTo(
                        "Invalid argument name: must start with a letter. Correct it and call"
                                + " create_service again.");
    }

    @Test
    void platformFieldsMapToTheToolsArguments() {
        assertThat(message(new InvalidValueException("githubRepo", "must be owner/name")))
                .startsWith("Invalid argument repo: must be owner/name.");
        assertThat(message(new InvalidValueException("memory", "must be one of 256Mi")))
                .startsWith("Invalid argument memoryMi:");
        assertThat(message(new InvalidValueException("branch", "must not be empty")))
                .startsWith("Invalid argument branch:");
    }

    @Test
    void notFoundSaysWhereToLookTheIdUp() {
        assertThat(message(new NotFoundException("deployment", "42")))
                .isEqualTo(
                        "Not found: deployment 42 not found (it does not exist or is not yours)."
                                + " Use list_deployments to find the right id.");
    }

    @Test
    void aConflictNamesTheArgumentOnce() {
        assertThat(message(new ConflictException("name", "a service named web already exists")))
                .isEqualTo("Refused (name): a service named web already exists.");
    }

    @Test
    void anythingElseIsHiddenBehindAFixedMessage() {
        assertThat(message(new IllegalStateException("SQL: select secret from vault")))
                .isEqualTo(ToolErrorsInterceptor.INTERNAL);
    }

    private String message(RuntimeException thrown) {
        InvocationContext context = throwing(thrown);
        try {
            interceptor.translate(context);
        } catch (ToolCallException e) {
            return e.getMessage();
        } catch (Exception e) {
            throw new AssertionError("not a ToolCallException", e);
        }
        throw new AssertionError("nothing was thrown");
    }

    @Test
    void aToolCallExceptionPassesUnchanged() {
        ToolCallException original = new ToolCallException("as written");
        assertThatThrownBy(() -> interceptor.translate(throwing(original))).isSameAs(original);
    }

    private static InvocationContext throwing(RuntimeException thrown) {
        // A real tool: the interceptor reads its name and argument names from the annotations.
        Method method =
                Arrays.stream(ServiceTools.class.getDeclaredMethods())
                        .filter(m -> m.getName().equals("createService"))
                        .findFirst()
                        .orElseThrow();
        return new InvocationContext() {
            private final Map<String, Object> data = new HashMap<>();

            @Override
            public Object getTarget() {
                return null;
            }

            @Override
            public Object getTimer() {
                return null;
            }

            @Override
            public Method getMethod() {
                return method;
            }

            @Override
            public Constructor<?> getConstructor() {
                return null;
            }

            @Override
            public Object[] getParameters() {
                return new Object[0];
            }

            @Override
            public void setParameters(Object[] params) {}

            @Override
            public Map<String, Object> getContextData() {
                return data;
            }

            @Override
            public Object proceed() {
                throw thrown;
            }
        };
    }
}
