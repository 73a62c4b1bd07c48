package ink.ml.deploy.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * GraphQL over HTTP as a dashboard sends it: {@code POST /graphql} with {@code {query, variables}}
 * and {@code Authorization: Bearer <token>}. An answer with {@code errors} becomes a {@link
 * GraphqlException} carrying each error's {@code extensions.code}; the bearer never appears in one.
 */
final class GraphqlClient {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(90);

    private final URI endpoint;
    private final String bearer;
    private final HttpClient http;

    GraphqlClient(URI endpoint, String bearer) {
        this.endpoint = endpoint;
        this.bearer = bearer;
        this.http =
                HttpClient.newBuilder()
                        .version(HttpClient.Version.HTTP_1_1)
                        .connectTimeout(Duration.ofSeconds(10))
                        .build();
    }

    /** {@link #execute(String, Map)} without variables. */
    JsonNode execute(String document) {
        return execute(document, Map.of());
    }

    /**
     * @return the answer's {@code data}
     * @throws GraphqlException when the answer has errors or is not a GraphQL answer
     */
    JsonNode execute(String document, Map<String, ?> variables) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("query", document);
        body.put("variables", variables);
        HttpResponse<String> response;
        try {
            HttpRequest.Builder request =
                    HttpRequest.newBuilder(endpoint)
                            .timeout(TIMEOUT)
                            .header("Content-Type", "application/json")
                            .header("Accept", "application/json")
                            .POST(
                                    HttpRequest.BodyPublishers.ofString(
                                            JSON.writeValueAsString(body)));
            if (bearer != null) {
                request.header("Authorization", "Bearer " + bearer);
            }
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("GraphQL " + endpoint + " did not answer: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while calling GraphQL", e);
        }
        JsonNode answer;
        try {
            answer = JSON.readTree(response.body());
        } catch (IOException e) {
            answer = null;
        }
        String operation = operationName(document);
        if (answer == null || !answer.isObject()) {
            throw new GraphqlException(
                    operation,
                    List.of(
                            new GraphqlError(
                                    "HTTP "
                                            + response.statusCode()
                                            + ": "
                                            + abbreviate(response.body()),
                                    "HTTP_" + response.statusCode(),
                                    "[]")));
        }
        JsonNode errors = answer.path("errors");
        if (errors.isArray() && !errors.isEmpty()) {
            List<GraphqlError> list = new ArrayList<>();
            errors.forEach(error -> list.add(GraphqlError.from(error)));
            throw new GraphqlException(operation, list);
        }
        return answer.path("data");
    }

    /** The first words of a document, to say which request failed. */
    private static String operationName(String document) {
        String flat = document.strip().replaceAll("\\s+", " ");
        return flat.length() > 60 ? flat.substring(0, 60) + "…" : flat;
    }

    private static String abbreviate(String text) {
        return text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }
}
