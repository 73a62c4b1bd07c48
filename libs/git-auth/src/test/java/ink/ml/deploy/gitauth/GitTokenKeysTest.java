package ink.ml.deploy.gitauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class GitTokenKeysTest {
    private static final String KEY = "CDF8Mfg8txTxvWl1vHG/MF4esFFxGmRbDVJKz4/TXRI=";

    @Test
    void acceptsStandardAndUrlSafeBase64() {
        GitTokenKeys keys =
                GitTokenKeys.of(
                        Map.of("k1", KEY, "k2", "GpK2bXVC_P5SpVNKs9Ig_NF7tYam0wEreExmQrbVBbI"),
                        Optional.of("k2"));

        assertThat(keys.activeKeyId()).isEqualTo("k2");
        assertThat(keys.key("k1")).get().extracting(k -> k.length).isEqualTo(32);
        assertThat(keys.key("k2")).isPresent();
    }

    @Test
    void refusesShortKeysNamingThePropertyNotTheValue() {
        String shortKey = "c2hvcnQ=";
        assertThatThrownBy(() -> GitTokenKeys.of(Map.of("k1", shortKey), Optional.of("k1")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("mcpdeploy.git-tokens.keys.k1")
                .hasMessageContaining("at least 32 bytes")
                .hasMessageNotContaining(shortKey);
    }

    @Test
    void refusesAnActiveKeyThatIsNotConfigured() {
        assertThatThrownBy(() -> GitTokenKeys.of(Map.of("k1", KEY), Optional.of("k9")))
                .hasMessageContaining("mcpdeploy.git-tokens.active-key");
    }

    @Test
    void refusesNoKeysAndBadIds() {
        assertThatThrownBy(() -> GitTokenKeys.of(Map.of(), Optional.empty()))
                .hasMessageContaining("at least one key");
        assertThatThrownBy(() -> GitTokenKeys.of(Map.of("bad id", KEY), Optional.empty()))
                .hasMessageContaining("key id");
        assertThatThrownBy(() -> GitTokenKeys.of(Map.of("k1", "%%%"), Optional.empty()))
                .hasMessageContaining("not base64");
    }
}
