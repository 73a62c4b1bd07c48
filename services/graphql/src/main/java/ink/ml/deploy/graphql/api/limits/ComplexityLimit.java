package ink.ml.deploy.graphql.api.limits;

import graphql.analysis.MaxQueryComplexityInstrumentation;
import graphql.execution.AbortExecutionException;
import ink.ml.deploy.graphql.api.errors.ErrorCode;

/** graphql-java's complexity check with {@link PageSizeComplexity}, answering with our code. */
final class ComplexityLimit extends MaxQueryComplexityInstrumentation {
    ComplexityLimit(int maxComplexity) {
        super(maxComplexity, new PageSizeComplexity());
    }

    @Override
    protected AbortExecutionException mkAbortException(int complexity, int maxComplexity) {
        return new CodedAbortException(
                ErrorCode.QUERY_TOO_COMPLEX,
                "the query asks for too much at once (complexity "
                        + complexity
                        + ", at most "
                        + maxComplexity
                        + "): ask for smaller pages (first) or fewer nested lists");
    }
}
