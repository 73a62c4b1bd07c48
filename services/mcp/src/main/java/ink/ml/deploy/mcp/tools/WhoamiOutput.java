package ink.ml.deploy.mcp.tools;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Who the agent acts for.
 *
 * @param userId the platform user id; it ends every service hostname
 * @param defaultProject where services go when a tool is given no project
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WhoamiOutput(
        String userId, String displayName, String email, ProjectOutput defaultProject) {}
