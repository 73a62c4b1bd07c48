package ink.ml.deploy.gitserver.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GitRouteTest {

    @Test
    void routesTheAdvertisementAndBothServices() {
        GitRoute refs = GitRoute.of("GET", "/alice/shop/web.git/info/refs", "git-upload-pack");
        GitRoute fetch = GitRoute.of("POST", "/alice/shop/web.git/git-upload-pack", null);
        GitRoute push = GitRoute.of("POST", "/alice/shop/web.git/git-receive-pack", null);

        assertThat(refs.repo().value()).isEqualTo("alice/shop/web");
        assertThat(refs.service()).isEqualTo(GitService.UPLOAD_PACK);
        assertThat(refs.advertisement()).isTrue();
        assertThat(fetch.service()).isEqualTo(GitService.UPLOAD_PACK);
        assertThat(fetch.advertisement()).isFalse();
        assertThat(push.service()).isEqualTo(GitService.RECEIVE_PACK);
        assertThat(
                        GitRoute.of("GET", "/alice/shop/web.git/info/refs", "git-receive-pack")
                                .service())
                .isEqualTo(GitService.RECEIVE_PACK);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/",
                "/alice/web.git/info/refs",
                "/alice/shop/web/info/refs",
                "/alice/shop/web.git/HEAD",
                "/alice/shop/web.git/objects/info/packs",
                "/Alice/shop/web.git/info/refs",
                "/alice/../web.git/info/refs",
                "/a/b/c/d.git/info/refs"
            })
    void anythingElseIsNotFound(String path) {
        assertThatThrownBy(() -> GitRoute.of("GET", path, "git-upload-pack"))
                .isInstanceOfSatisfying(
                        GitHttpException.class, e -> assertThat(e.status()).isEqualTo(404));
    }

    @Test
    void dumbHttpAndWrongMethodsAreRefused() {
        assertThatThrownBy(() -> GitRoute.of("GET", "/alice/shop/web.git/info/refs", null))
                .isInstanceOfSatisfying(
                        GitHttpException.class,
                        e -> {
                            assertThat(e.status()).isEqualTo(403);
                            assertThat(e.getMessage()).contains("smart HTTP");
                        });
        assertThatThrownBy(() -> GitRoute.of("GET", "/alice/shop/web.git/git-receive-pack", null))
                .isInstanceOfSatisfying(
                        GitHttpException.class, e -> assertThat(e.status()).isEqualTo(405));
        assertThatThrownBy(
                        () ->
                                GitRoute.of(
                                        "POST", "/alice/shop/web.git/info/refs", "git-upload-pack"))
                .isInstanceOfSatisfying(
                        GitHttpException.class, e -> assertThat(e.status()).isEqualTo(405));
    }
}
