package ink.ml.deploy.graphql.api.limits;

import graphql.analysis.MaxQueryDepthInstrumentation;
import graphql.execution.AbortExecutionException;

/** graphql-java's depth check, answering with our error code and an actionable message. */
final class DepthLimit extends MaxQueryDepthInstrumentation {
    DepthLimit(int maxDepth) {
        super(maxDepth);
    }

    @Override
    protected AbortExecutionException mkAbortException(int depth, int maxDepth) {
        return new QueryTooComplexException(
                "the query nests "
                        + depth
                        + " levels deep; at most "
                        + maxDepth
                        + " are allowed: split it into several queries");
    }
}
