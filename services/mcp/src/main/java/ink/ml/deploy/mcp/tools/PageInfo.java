package ink.ml.deploy.mcp.tools;

import com.fasterxml.jackson.annotation.JsonInclude;
import ink.ml.deploy.platform.pagination.Page;

/**
 * Where a list continues: pass {@code endCursor} as {@code after} to get the next page.
 *
 * @param endCursor absent when the page is empty
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PageInfo(boolean hasNextPage, String endCursor) {
    static PageInfo of(Page<?> page) {
        return new PageInfo(page.hasNextPage(), page.endCursor().orElse(null));
    }
}
