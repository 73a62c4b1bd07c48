package ink.ml.deploy.mcp.tools;

import ink.ml.deploy.control.ControlPlaneUnavailableException;
import ink.ml.deploy.domain.InvalidValueException;
import ink.ml.deploy.observability.ObservabilityUnavailableException;
import ink.ml.deploy.platform.common.ConflictException;
import ink.ml.deploy.platform.common.NotFoundException;
import ink.ml.deploy.platform.common.RateLimitedException;
import io.quarkiverse.mcp.server.Tool;
import io.quarkiverse.mcp.server.ToolArg;
import io.quarkiverse.mcp.server.ToolCallException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.UnauthorizedException;
import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Turns what a tool's platform call refused into a {@link ToolCallException}, which the MCP server
 * answers as a result with {@code isError: true}. Only exceptions whose message is written for the
 * caller pass through; anything else is logged and answered with a fixed message, so no stack
 * trace, SQL or class name reaches the agent.
 */
@ToolErrors
@Interceptor
@Priority(Interceptor.Priority.APPLICATION)
public class ToolErrorsInterceptor {
    private static final Logger LOG = Logger.getLogger(ToolErrorsInterceptor.class);

    static final String INTERNAL =
            "Internal error: the request could not be completed. It has been logged; try again"
                    + " later.";

    /** Where to look up the ids a not-found error is about. */
    private static final Map<String, String> LISTING_TOOL =
            Map.of(
                    "project", "list_projects",
                    "service", "list_services",
                    "deployment", "list_deployments",
                    "domain", "get_service (customDomains)",
                    "repo", "create_repo (repositories of the project)");

    @AroundInvoke
    Object translate(InvocationContext context) throws Exception {
        try {
            return context.proceed();
        } catch (ToolCallException e) {
            throw e;
        } catch (InvalidValueException e) {
            throw new ToolCallException(
                    "Invalid argument "
                            + argument(context.getMethod(), e.field())
                            + ": "
                            + e.rule()
                            + ". Correct it and call "
                            + toolName(context.getMethod())
                            + " again.");
        } catch (NotFoundException e) {
            throw new ToolCallException(
                    "Not found: "
                            + e.getMessage()
                            + " (it does not exist or is not yours)."
                            + hint(e.kind()));
        } catch (ConflictException e) {
            throw new ToolCallException(
                    "Refused ("
                            + argument(context.getMethod(), e.field())
                            + "): "
                            + withoutFieldPrefix(e.getMessage(), e.field())
                            + ".");
        } catch (RateLimitedException e) {
            throw new ToolCallException(
                    "Rate limited: "
                            + e.getMessage()
                            + ". Wait that long, then call "
                            + toolName(context.getMethod())
                            + " again.");
        } catch (ControlPlaneUnavailableException e) {
            throw new ToolCallException("Unavailable: " + e.getMessage() + ".");
        } catch (ObservabilityUnavailableException e) {
            // Names the log or metrics source; deployments and every other tool still work.
            throw new ToolCallException(
                    "Unavailable: "
                            + e.getMessage()
                            + ". Nothing else is affected: deployments and the other tools work;"
                            + " try this again later.");
        } catch (UnauthorizedException | AuthenticationFailedException e) {
            throw new ToolCallException(
                    "Not signed in: send Authorization: Bearer <access token or API key>.");
        } catch (RuntimeException e) {
            LOG.errorf(e, "tool %s failed", toolName(context.getMethod()));
            throw new ToolCallException(INTERNAL);
        }
    }

    private static String hint(String kind) {
        String tool = LISTING_TOOL.get(kind);
        return tool == null ? "" : " Use " + tool + " to find the right id.";
    }

    /**
     * The tool argument a platform field is: platform fields are the tools' argument names, except
     * that a value type names itself ({@code service}, {@code project}, {@code repo}) where the
     * tool calls it {@code name}, and that a repository is one argument {@code repo} here.
     */
    static String argument(Method method, String field) {
        Set<String> arguments = argumentNames(method);
        for (String candidate : candidates(field)) {
            if (arguments.contains(candidate)) {
                return candidate;
            }
        }
        return field;
    }

    private static Set<String> candidates(String field) {
        Set<String> candidates = new LinkedHashSet<>();
        candidates.add(field);
        switch (field) {
            case "repoId", "githubRepo", "source" -> candidates.add("repo");
            case "serviceId", "service" -> {
                candidates.add("serviceId");
                candidates.add("name");
            }
            case "projectId" -> candidates.add("project");
            case "project", "repo" -> {
                candidates.add("project");
                candidates.add("name");
            }
            case "ttl" -> candidates.add("ttlMinutes");
            case "memory" -> candidates.add("memoryMi");
            default -> {}
        }
        return candidates;
    }

    private static Set<String> argumentNames(Method method) {
        Set<String> names = new LinkedHashSet<>();
        for (Parameter parameter : method.getParameters()) {
            ToolArg arg = parameter.getAnnotation(ToolArg.class);
            if (arg != null) {
                names.add(
                        ToolArg.ELEMENT_NAME.equals(arg.name()) ? parameter.getName() : arg.name());
            }
        }
        return names;
    }

    static String toolName(Method method) {
        Tool tool = method.getAnnotation(Tool.class);
        return tool == null || Tool.ELEMENT_NAME.equals(tool.name())
                ? method.getName()
                : tool.name();
    }

    private static String withoutFieldPrefix(String message, String field) {
        String prefix = field + ": ";
        return message.startsWith(prefix) ? message.substring(prefix.length()) : message;
    }
}
