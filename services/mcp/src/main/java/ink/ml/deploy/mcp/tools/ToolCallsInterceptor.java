package ink.ml.deploy.mcp.tools;

import ink.ml.deploy.control.ControlPlaneUnavailableException;
import ink.ml.deploy.domain.InvalidValueException;
import ink.ml.deploy.platform.common.ConflictException;
import ink.ml.deploy.platform.common.NotFoundException;
import ink.ml.deploy.workflow.metrics.McpToolCallMeter;
import ink.ml.deploy.workflow.metrics.McpToolCallMeter.Outcome;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkiverse.mcp.server.ToolCallException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.UnauthorizedException;
import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

/**
 * Counts every tool call by tool and outcome ({@link McpToolCallMeter}). It runs inside {@link
 * ToolErrorsInterceptor}, so it sees what the platform threw before it becomes a tool error, and
 * tells the kinds of refusal apart.
 */
@ToolErrors
@Interceptor
@Priority(Interceptor.Priority.APPLICATION + 1)
public class ToolCallsInterceptor {
    private final McpToolCallMeter calls;

    public ToolCallsInterceptor(MeterRegistry meters) {
        this.calls = new McpToolCallMeter(meters);
    }

    @AroundInvoke
    Object count(InvocationContext context) throws Exception {
        String tool = ToolErrorsInterceptor.toolName(context.getMethod());
        Object result;
        try {
            result = context.proceed();
        } catch (Exception e) {
            calls.called(tool, outcomeOf(e));
            throw e;
        }
        calls.called(tool, Outcome.OK);
        return result;
    }

    /**
     * The outcome a failure stands for. A dependency that is away throws an exception named {@code
     * …UnavailableException} (Temporal through the control plane, Prometheus, Loki).
     */
    static Outcome outcomeOf(Exception e) {
        if (e instanceof InvalidValueException) {
            return Outcome.INVALID_ARGUMENT;
        }
        if (e instanceof NotFoundException) {
            return Outcome.NOT_FOUND;
        }
        if (e instanceof ConflictException) {
            return Outcome.CONFLICT;
        }
        if (e instanceof ControlPlaneUnavailableException
                || e.getClass().getSimpleName().endsWith("UnavailableException")) {
            return Outcome.UNAVAILABLE;
        }
        if (e instanceof UnauthorizedException || e instanceof AuthenticationFailedException) {
            return Outcome.UNAUTHENTICATED;
        }
        if (e instanceof ToolCallException) {
            return Outcome.REFUSED;
        }
        return Outcome.INTERNAL;
    }
}
