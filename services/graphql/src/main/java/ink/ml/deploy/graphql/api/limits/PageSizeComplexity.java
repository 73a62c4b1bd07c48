package ink.ml.deploy.graphql.api.limits;

import graphql.analysis.FieldComplexityCalculator;
import graphql.analysis.FieldComplexityEnvironment;
import graphql.schema.GraphQLTypeUtil;
import ink.ml.deploy.platform.pagination.PageRequest;

/**
 * A field costs 1 plus its selection; a connection field (one whose type is a {@code …Connection})
 * costs that once per item of the page it asks for, because its selection runs for every item.
 */
final class PageSizeComplexity implements FieldComplexityCalculator {
    @Override
    public int calculate(FieldComplexityEnvironment environment, int childComplexity) {
        int own = 1 + childComplexity;
        String typeName =
                GraphQLTypeUtil.simplePrint(
                        GraphQLTypeUtil.unwrapAll(environment.getFieldDefinition().getType()));
        if (!typeName.endsWith("Connection")) {
            return own;
        }
        Object first = environment.getArguments().get("first");
        int pageSize =
                first instanceof Number n
                        ? Math.max(1, Math.min(n.intValue(), PageRequest.MAX_SIZE))
                        : PageRequest.DEFAULT_SIZE;
        return saturated((long) own * pageSize);
    }

    private static int saturated(long value) {
        return (int) Math.min(Integer.MAX_VALUE, value);
    }
}
