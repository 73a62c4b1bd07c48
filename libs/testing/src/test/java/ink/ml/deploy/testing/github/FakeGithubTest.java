package ink.ml.deploy.testing.github;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fake GitHub against the real {@code git} client and the JDK's HTTP client. */
class FakeGithubTest {
    private static final Pattern TOKEN = Pattern.compile("\"token\":\"(ghs_[0-9a-f]+)\"");

    private final HttpClient http = HttpClient.newHttpClient();
    private FakeGithub github;
    private GithubUser octo;

    @BeforeEach
    void start() {
        github = FakeGithub.start();
        octo = github.addUser(new GithubUser(583231, "octo", "Octo Cat", "octo@example.com"));
    }

    @AfterEach
    void stop() {
        github.close();
    }

    @Test
    void issuesAnInstallationTokenForAJwtSignedWithTheAppsKey() throws Exception {
        long installation = github.installApp(octo);

        HttpResponse<String> response =
                postAccessTokens(installation, jwt(github.app().appId(), appKey()));

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.body()).containsPattern(TOKEN).contains("\"expires_at\":");
        assertThat(github.installationTokensIssued()).isEqualTo(1);
    }

    @Test
    void refusesAJwtSignedWithAnotherKeyOrForAnotherAppOrAnUnknownInstallation() throws Exception {
        long installation = github.installApp(octo);
        PrivateKey stranger = KeyPairGenerator.getInstance("RSA").generateKeyPair().getPrivate();

        assertThat(postAccessTokens(installation, jwt(github.app().appId(), stranger)).statusCode())
                .isEqualTo(401);
        assertThat(postAccessTokens(installation, jwt("1", appKey())).body())
                .contains("'iss' must be the App id");
        assertThat(
                        postAccessTokens(installation + 99, jwt(github.app().appId(), appKey()))
                                .statusCode())
                .isEqualTo(404);
        assertThat(github.installationTokensIssued()).isZero();
    }

    @Test
    void servesClonesOnlyWithAnInstallationTokenOfTheRepositorysOwner(@TempDir Path work)
            throws Exception {
        long installation = github.installApp(octo);
        Path bare = github.createRepository(octo, "shop");
        Path source = work.resolve("source");
        git(work, "init", "-q", "-b", "main", source.toString());
        Files.writeString(source.resolve("README"), "hello\n");
        git(source, "add", ".");
        git(
                source,
                "-c",
                "user.name=t",
                "-c",
                "user.email=t@example.invalid",
                "commit",
                "-q",
                "-m",
                "first");
        git(source, "push", "-q", bare.toUri().toString(), "main");
        String token = token(installation);
        String repo = github.url() + "/octo/shop.git";

        Result anonymous = git(work, "clone", "-q", repo, work.resolve("anonymous").toString());
        Result wrongToken =
                git(
                        work,
                        "clone",
                        "-q",
                        withCredentials(repo, "x-access-token", "ghs_nope"),
                        work.resolve("wrong").toString());
        Result cloned =
                git(
                        work,
                        "clone",
                        "-q",
                        withCredentials(repo, "x-access-token", token),
                        work.resolve("clone").toString());

        assertThat(anonymous.exit()).isNotZero();
        assertThat(wrongToken.exit()).isNotZero();
        assertThat(cloned.exit()).as(cloned.output()).isZero();
        assertThat(work.resolve("clone/README")).hasContent("hello");
        assertThat(github.authorizedGitRequests()).isPositive();
        assertThat(github.refusedGitRequests()).isPositive();
    }

    @Test
    void oauthWebFlowChecksTheVerifierAndAnswersTheSignedInUser() throws Exception {
        github.signInBrowserAs(octo);
        String verifier = "verifier-" + "x".repeat(40);
        String challenge =
                Base64.getUrlEncoder()
                        .withoutPadding()
                        .encodeToString(
                                MessageDigest.getInstance("SHA-256")
                                        .digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        String code = authorize(challenge);

        HttpResponse<String> wrong = exchange(code, "another-verifier");
        String codeAgain = authorize(challenge);
        HttpResponse<String> right = exchange(codeAgain, verifier);
        HttpResponse<String> reused = exchange(codeAgain, verifier);

        assertThat(wrong.body()).contains("bad_verification_code");
        assertThat(reused.body()).contains("bad_verification_code");
        Matcher token =
                Pattern.compile("\"access_token\":\"(gho_[0-9a-f]+)\"").matcher(right.body());
        assertThat(token.find()).as(right.body()).isTrue();
        HttpResponse<String> user =
                http.send(
                        HttpRequest.newBuilder(github.url().resolve("/user"))
                                .header("Authorization", "Bearer " + token.group(1))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(user.body()).contains("\"id\":583231", "\"login\":\"octo\"");
        long installation = github.installApp(octo);
        HttpResponse<String> installations =
                http.send(
                        HttpRequest.newBuilder(github.url().resolve("/user/installations"))
                                .header("Authorization", "Bearer " + token.group(1))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(installations.body()).contains("\"id\":" + installation, "\"total_count\":1");
    }

    private String authorize(String challenge) throws Exception {
        HttpResponse<Void> redirect =
                http.send(
                        HttpRequest.newBuilder(
                                        URI.create(
                                                github.authorizeUrl()
                                                        + "?client_id="
                                                        + github.oauthClient().clientId()
                                                        + "&state=s1&code_challenge="
                                                        + challenge
                                                        + "&code_challenge_method=S256&redirect_uri="
                                                        + URLEncoder.encode(
                                                                "http://127.0.0.1:1/cb",
                                                                StandardCharsets.UTF_8)))
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
        assertThat(redirect.statusCode()).isEqualTo(302);
        String location = redirect.headers().firstValue("Location").orElseThrow();
        assertThat(location).startsWith("http://127.0.0.1:1/cb?code=").endsWith("&state=s1");
        return location.replaceAll(".*code=([^&]+).*", "$1");
    }

    private HttpResponse<String> exchange(String code, String verifier) throws Exception {
        String form =
                "client_id="
                        + github.oauthClient().clientId()
                        + "&client_secret="
                        + github.oauthClient().clientSecret()
                        + "&code="
                        + code
                        + "&code_verifier="
                        + verifier;
        return http.send(
                HttpRequest.newBuilder(github.tokenUrl())
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private String token(long installation) throws Exception {
        Matcher matcher =
                TOKEN.matcher(
                        postAccessTokens(installation, jwt(github.app().appId(), appKey())).body());
        assertThat(matcher.find()).isTrue();
        return matcher.group(1);
    }

    private HttpResponse<String> postAccessTokens(long installation, String jwt)
            throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(
                                github.url()
                                        .resolve(
                                                "/app/installations/"
                                                        + installation
                                                        + "/access_tokens"))
                        .header("Authorization", "Bearer " + jwt)
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private PrivateKey appKey() throws Exception {
        String body =
                github.app()
                        .privateKeyPem()
                        .replaceAll("-----[A-Z ]+-----", "")
                        .replaceAll("\\s", "");
        return KeyFactory.getInstance("RSA")
                .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(body)));
    }

    /** An App JWT as GitHub documents it (and the deployer-worker makes it). */
    private static String jwt(String issuer, PrivateKey key) throws Exception {
        long now = Instant.now().getEpochSecond();
        Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
        String input =
                base64.encodeToString(
                                "{\"alg\":\"RS256\",\"typ\":\"JWT\"}"
                                        .getBytes(StandardCharsets.UTF_8))
                        + "."
                        + base64.encodeToString(
                                ("{\"iat\":"
                                                + (now - 60)
                                                + ",\"exp\":"
                                                + (now + 540)
                                                + ",\"iss\":\""
                                                + issuer
                                                + "\"}")
                                        .getBytes(StandardCharsets.UTF_8));
        Signature signature = Signature.getInstance("SHA256withRSA");
        signature.initSign(key);
        signature.update(input.getBytes(StandardCharsets.US_ASCII));
        return input + "." + base64.encodeToString(signature.sign());
    }

    private static String withCredentials(String url, String user, String password) {
        return url.replace("http://", "http://" + user + ":" + password + "@");
    }

    private record Result(int exit, String output) {}

    private static Result git(Path directory, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("git"));
        command.addAll(List.of(args));
        ProcessBuilder builder =
                new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.put("GIT_TERMINAL_PROMPT", "0");
        env.put("GIT_CONFIG_NOSYSTEM", "1");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Result(process.waitFor(), output);
    }
}
