package ink.ml.deploy.github.oauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The web flow against a local HTTP server answering as GitHub's token endpoint and API do. */
class GithubOAuthWebFlowTest {
    private HttpServer github;
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    private final List<String> tokenForms = new CopyOnWriteArrayList<>();
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private GithubOAuthWebFlow flow;

    private record Answer(int status, String body) {}

    @BeforeEach
    void startGithub() throws IOException {
        github = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        github.createContext(
                "/",
                exchange -> {
                    String path = exchange.getRequestURI().getPath();
                    String body =
                            new String(
                                    exchange.getRequestBody().readAllBytes(),
                                    StandardCharsets.UTF_8);
                    if (path.equals("/login/oauth/access_token")) {
                        tokenForms.add(body);
                    } else {
                        authorizations.add(exchange.getRequestHeaders().getFirst("Authorization"));
                    }
                    Answer answer = answers.getOrDefault(path, new Answer(404, "{}"));
                    byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
                    exchange.sendResponseHeaders(answer.status(), bytes.length);
                    exchange.getResponseBody().write(bytes);
                    exchange.close();
                });
        github.start();
        URI root = URI.create("http://127.0.0.1:" + github.getAddress().getPort());
        flow =
                new GithubOAuthWebFlow(
                        new GithubOAuthApp(
                                "client-1",
                                "s3cret",
                                root.resolve("/login/oauth/access_token"),
                                root,
                                Duration.ofSeconds(5)),
                        new ObjectMapper());
    }

    @AfterEach
    void stopGithub() {
        github.stop(0);
    }

    @Test
    void exchangesTheCodeWithTheVerifierAndRedirectUri() {
        answers.put(
                "/login/oauth/access_token",
                new Answer(200, "{\"access_token\":\"gho_abc\",\"token_type\":\"bearer\"}"));

        String token =
                flow.exchangeCode(
                        "code-1", "verifier-1", Optional.of(URI.create("https://x.test/cb")));

        assertThat(token).isEqualTo("gho_abc");
        assertThat(tokenForms)
                .containsExactly(
                        "client_id=client-1&client_secret=s3cret&code=code-1"
                                + "&code_verifier=verifier-1"
                                + "&redirect_uri=https%3A%2F%2Fx.test%2Fcb");
    }

    @Test
    void aStaleCodeIsThePersonsToRetryAndAnotherErrorIsTheServers() {
        answers.put(
                "/login/oauth/access_token",
                new Answer(200, "{\"error\":\"bad_verification_code\"}"));
        assertThatThrownBy(() -> flow.exchangeCode("c", "v", Optional.empty()))
                .isInstanceOfSatisfying(
                        GithubSignInException.class, e -> assertThat(e.isUsersFault()).isTrue())
                .hasMessageContaining("sign in again");

        answers.put(
                "/login/oauth/access_token",
                new Answer(200, "{\"error\":\"incorrect_client_credentials\"}"));
        assertThatThrownBy(() -> flow.exchangeCode("c", "v", Optional.empty()))
                .isInstanceOfSatisfying(
                        GithubSignInException.class, e -> assertThat(e.isUsersFault()).isFalse())
                .hasMessageContaining("incorrect_client_credentials")
                .hasMessageNotContaining("s3cret");
    }

    @Test
    void aHiddenEmailIsTakenFromThePrimaryVerifiedOne() {
        answers.put(
                "/user",
                new Answer(200, "{\"id\":7,\"login\":\"octo\",\"name\":null,\"email\":null}"));
        answers.put(
                "/user/emails",
                new Answer(
                        200,
                        "[{\"email\":\"old@x.test\",\"primary\":false,\"verified\":true},"
                                + "{\"email\":\"octo@x.test\",\"primary\":true,\"verified\":true}]"));

        assertThat(flow.user("gho_abc")).isEqualTo(new GithubUser(7, "octo", null, "octo@x.test"));
        assertThat(authorizations).containsOnly("Bearer gho_abc");
    }

    @Test
    void emailsTheTokenMayNotReadLeaveTheEmailEmpty() {
        answers.put("/user", new Answer(200, "{\"id\":7,\"login\":\"octo\",\"name\":\"Octo\"}"));
        answers.put("/user/emails", new Answer(403, "{}"));

        assertThat(flow.user("gho_abc")).isEqualTo(new GithubUser(7, "octo", "Octo", null));
    }

    @Test
    void githubFailingIsUnavailableNotThePersonsFault() {
        answers.put("/user", new Answer(502, "bad gateway"));
        assertThatThrownBy(() -> flow.user("gho_abc"))
                .isInstanceOfSatisfying(
                        GithubSignInException.class, e -> assertThat(e.isUsersFault()).isFalse())
                .hasMessage("GitHub answered 502 to GET /user")
                .hasMessageNotContaining("gho_abc");

        answers.put("/user", new Answer(200, "{\"login\":\"octo\"}"));
        assertThatThrownBy(() -> flow.user("gho_abc"))
                .hasMessage("GitHub's /user answer has no id or login");
    }
}
