package ink.ml.deploy.graphql.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;

/** Sends GraphQL documents over HTTP as a dashboard does, and reads the answers. */
public final class Gql {
    private Gql() {}

    public static JsonPath post(String bearer, String query) {
        return post(bearer, query, Map.of());
    }

    public static JsonPath post(String bearer, String query, Map<String, Object> variables) {
        var request = given().contentType(ContentType.JSON);
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return request.body(Map.of("query", query, "variables", variables))
                .post("/graphql")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    /** The answer has no errors; returns it for reading {@code data.…}. */
    public static JsonPath ok(JsonPath answer) {
        assertThat(answer.getList("errors")).as(answer.prettify()).isNullOrEmpty();
        return answer;
    }

    /** The answer's only error has {@code code}; returns the error. */
    public static Map<String, Object> error(JsonPath answer, String code) {
        List<Map<String, Object>> errors = answer.getList("errors");
        assertThat(errors).as(answer.prettify()).hasSize(1);
        Map<String, Object> error = errors.get(0);
        @SuppressWarnings("unchecked")
        Map<String, Object> extensions = (Map<String, Object>) error.get("extensions");
        assertThat(extensions).as(answer.prettify()).containsEntry("code", code);
        // Never a class name or a stack trace: only our keys.
        assertThat(extensions.keySet()).isSubsetOf("code", "field");
        assertThat((String) error.get("message")).doesNotContain("Exception", "\tat ", "SQL");
        return error;
    }

    /** The answer's only error is bad input naming {@code field}. */
    public static Map<String, Object> badInput(JsonPath answer, String field) {
        Map<String, Object> error = error(answer, "BAD_USER_INPUT");
        @SuppressWarnings("unchecked")
        Map<String, Object> extensions = (Map<String, Object>) error.get("extensions");
        assertThat(extensions).containsEntry("field", field);
        return error;
    }
}
