package ink.ml.deploy.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** The few GraphQL calls the launcher makes itself, over plain HTTP with a bearer credential. */
final class GraphqlClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final URI endpoint;
    private final HttpClient http;

    GraphqlClient(URI endpoint) {
        this.endpoint = endpoint;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    /**
     * The {@code data} of the answer.
     *
     * @throws IllegalStateException with GraphQL's error messages (never the credential)
     */
    JsonNode execute(String bearer, String query, Map<String, Object> variables) {
        try {
            byte[] body = JSON.writeValueAsBytes(Map.of("query", query, "variables", variables));
            HttpResponse<String> response =
                    http.send(
                            HttpRequest.newBuilder(endpoint)
                                    .timeout(TIMEOUT)
                                    .header("Content-Type", "application/json")
                                    .header("Accept", "application/json")
                                    .header("Authorization", "Bearer " + bearer)
                                    .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            JsonNode answer = JSON.readTree(response.body());
            JsonNode errors = answer.path("errors");
            if (response.statusCode() != 200 || errors.size() > 0) {
                throw new IllegalStateException(
                        "GraphQL answered "
                                + response.statusCode()
                                + ": "
                                + (errors.isMissingNode() ? response.body() : errors.toString()));
            }
            return answer.path("data");
        } catch (IOException e) {
            throw new IllegalStateException("GraphQL at " + endpoint + " did not answer: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while calling GraphQL", e);
        }
    }
}
