package ink.ml.deploy.observability.logs;

import ink.ml.deploy.domain.DeploymentId;
import ink.ml.deploy.domain.ServiceRef;
import java.util.Optional;

/**
 * The LogQL that reads one service's lines. The stream selector comes only from the service's own
 * record (its namespace and name, and a deployment id the caller checked), never from user input;
 * the user's search text only ever becomes a quoted line filter, so it cannot widen the selector.
 */
final class LogQlQuery {
    private LogQlQuery() {}

    /**
     * {@code {namespace="dp-…", service="…"[, deployment_id="…"]} [|= "search"]}.
     *
     * @param search plain text the lines must contain (case-sensitive)
     */
    static String of(
            ServiceRef service, Optional<DeploymentId> deployment, Optional<String> search) {
        StringBuilder query = new StringBuilder("{");
        matcher(query, LokiLabels.NAMESPACE, service.namespace());
        query.append(", ");
        matcher(query, LokiLabels.SERVICE, service.service().value());
        deployment.ifPresent(
                id -> {
                    query.append(", ");
                    matcher(query, LokiLabels.DEPLOYMENT_ID, id.value());
                });
        query.append('}');
        search.filter(text -> !text.isEmpty())
                .ifPresent(text -> query.append(" |= ").append(quoted(text)));
        return query.toString();
    }

    private static void matcher(StringBuilder query, String label, String value) {
        query.append(label).append('=').append(quoted(value));
    }

    /**
     * A LogQL double-quoted string literal of {@code text}. LogQL reads these as Go string
     * literals: a backslash starts an escape and a double quote ends the string, so both are
     * escaped, and so is every control character (a raw newline ends a literal). Everything else
     * ({@code `}, {@code {}}, {@code |}, {@code =}) is plain text inside the quotes.
     */
    static String quoted(String text) {
        StringBuilder literal = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\\' -> literal.append("\\\\");
                case '"' -> literal.append("\\\"");
                case '\n' -> literal.append("\\n");
                case '\r' -> literal.append("\\r");
                case '\t' -> literal.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        literal.append(String.format("\\u%04x", (int) c));
                    } else {
                        literal.append(c);
                    }
                }
            }
        }
        return literal.append('"').toString();
    }
}
