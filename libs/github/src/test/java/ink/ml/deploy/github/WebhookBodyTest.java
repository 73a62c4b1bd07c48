package ink.ml.deploy.github;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

class WebhookBodyTest {

    @Test
    void readsBodyUpToTheLimitExactly() {
        byte[] body = new byte[20_000];
        body[19_999] = 7;

        assertThat(WebhookBody.read(new ByteArrayInputStream(body), 20_000)).isEqualTo(body);
    }

    @Test
    void refusesBodyOverTheLimit() {
        byte[] body = new byte[20_001];

        assertThatThrownBy(() -> WebhookBody.read(new ByteArrayInputStream(body), 20_000))
                .isInstanceOfSatisfying(
                        RejectedWebhookException.class,
                        e -> {
                            assertThat(e.reason())
                                    .isEqualTo(RejectedWebhookException.Reason.BODY_TOO_LARGE);
                            assertThat(e.httpStatus()).isEqualTo(413);
                        });
    }

    @Test
    void stopsReadingAnEndlessBodyAtTheLimit() {
        InputStream endless =
                new InputStream() {
                    @Override
                    public int read() {
                        return 'x';
                    }
                };

        assertThatThrownBy(() -> WebhookBody.read(endless, 100_000))
                .isInstanceOf(RejectedWebhookException.class);
    }
}
