package ink.ml.deploy.graphql.api.errors;

/**
 * The {@code extensions.code} of every error the API answers with. Clients branch on these, never
 * on messages, so the set only grows.
 */
public enum ErrorCode {
    /** An argument broke a rule; {@code extensions.field} names it. */
    BAD_USER_INPUT,
    /** No valid credential on the request. */
    UNAUTHENTICATED,
    /** The object does not exist or is not the caller's: the two are never told apart. */
    NOT_FOUND,
    /** Well-formed, but clashes with what exists (a name taken, a deployment in flight). */
    CONFLICT,
    /** Asked too often; the message says which limit and how many seconds to wait. */
    RATE_LIMITED,
    /**
     * A part the request needs cannot be reached (the database; Temporal; Loki, Prometheus or the
     * Docker engine for logs and metrics); the message names it. Nothing was changed, except where
     * the message says otherwise; try again later.
     */
    UNAVAILABLE,
    /** The document is not GraphQL. */
    GRAPHQL_PARSE_FAILED,
    /** The document does not fit the schema (unknown field, wrong argument type). */
    GRAPHQL_VALIDATION_FAILED,
    /** The query nests deeper, asks for more, or is larger than one request may. */
    QUERY_TOO_COMPLEX,
    /**
     * An introspection query that asks for the same schema fields over and over (graphql-java's
     * good-faith check), or introspection is off: ask for the schema once, or read the published
     * {@code /graphql/schema.graphql}.
     */
    INTROSPECTION_REFUSED,
    /** A fault on our side; the details are in the server log, never in the response. */
    INTERNAL_SERVER_ERROR
}
