package ink.ml.deploy.mcp.tools;

import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.interceptor.InterceptorBinding;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * Marks a class of tools whose refusals (bad input, not found, conflict, control plane away) become
 * tool results with {@code isError: true} and a message that names the argument to fix, instead of
 * protocol errors: a model can read and act on the first, not on the second.
 */
@InterceptorBinding
@Retention(RUNTIME)
@Target(TYPE)
public @interface ToolErrors {}
