package ink.ml.deploy.graphql.api.limits;

import graphql.analysis.MaxQueryDepthInstrumentation;
import graphql.execution.AbortExecutionException;
import ink.ml.deploy.graphql.api.errors.ErrorCode;

/** graphql-java's depth check, answering with our error code and an actionable message. */
final class DepthLimit extends MaxQueryDepthInstrumentation {
    DepthLimit(int maxDepth) {
        super(maxDepth);
    }

    @Override
    protected AbortExecutionException mkAbortException(int depth, int maxDepth) {
        return new CodedAbortException(
                ErrorCode.QUERY_TOO_COMPLEX,
                "the query nests "
                        + depth
                        + " levels deep; at most "
                        + maxDepth
                        + " are allowed: split it into several queries");
    }
}
