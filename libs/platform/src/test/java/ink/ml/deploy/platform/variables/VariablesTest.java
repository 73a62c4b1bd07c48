package ink.ml.deploy.platform.variables;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import ink.ml.deploy.domain.EnvVarName;
import ink.ml.deploy.domain.InvalidValueException;
import ink.ml.deploy.platform.TestUsers;
import ink.ml.deploy.platform.common.Caller;
import ink.ml.deploy.platform.common.NotFoundException;
import ink.ml.deploy.platform.crypto.CryptoConfig;
import ink.ml.deploy.platform.crypto.SealedValue;
import ink.ml.deploy.platform.crypto.SecretBox;
import ink.ml.deploy.platform.services.CreateServiceRequest;
import ink.ml.deploy.platform.services.Services;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

@QuarkusTest
class VariablesTest {
    private static final int KIB = 1024;

    @Inject Variables variables;
    @Inject Services services;
    @Inject TestUsers users;
    @Inject EntityManager entityManager;
    @Inject CryptoConfig cryptoConfig;

    @Test
    void aChangeSetsAndRemovesAtOnceAndOneBadNameChangesNothing() {
        Caller caller = users.newCaller();
        String web = newService(caller, "web");
        variables.set(caller, web, Map.of("A", "1", "B", "2"));

        assertThat(
                        variables.change(
                                caller,
                                web,
                                new VariableChange(Map.of("C", "3"), Set.of("A"), false)))
                .containsExactly("B", "C");
        assertThatThrownBy(
                        () ->
                                variables.change(
                                        caller,
                                        web,
                                        new VariableChange(
                                                Map.of("D", "4"), Set.of("not a name"), false)))
                .isInstanceOf(InvalidValueException.class);
        assertThat(variables.reveal(caller, web)).containsExactly(entry("B", "2"), entry("C", "3"));
        assertThat(variables.change(caller, web, new VariableChange(Map.of("E", "5"), null, true)))
                .containsExactly("E");
    }

    @Test
    void aChangeThatSaysNothingOrReplacesAndRemovesIsRefusedNamingTheField() {
        assertThatThrownBy(() -> new VariableChange(null, null, false))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageStartingWith("env: give env (variables to set) or unset");
        assertThatThrownBy(() -> new VariableChange(Map.of("A", "1"), Set.of("B"), true))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageStartingWith("unset: leave it out with replace=true");
    }

    @Test
    void setUnsetAndReplaceRoundTrip() {
        Caller caller = users.newCaller();
        String web = newService(caller, "web");

        assertThat(variables.set(caller, web, Map.of("B", "2", "A", "1")))
                .containsExactly("A", "B");
        assertThat(variables.set(caller, web, Map.of("B", "3", "C", "4")))
                .containsExactly("A", "B", "C");
        assertThat(variables.reveal(caller, web))
                .containsExactly(entry("A", "1"), entry("B", "3"), entry("C", "4"));

        assertThat(variables.unset(caller, web, Set.of("A", "NOT_SET"))).containsExactly("B", "C");
        assertThat(variables.replace(caller, web, Map.of("D", "5", "C", "6")))
                .containsExactly("C", "D");
        assertThat(variables.reveal(caller, web)).containsExactly(entry("C", "6"), entry("D", "5"));
        assertThat(variables.names(caller, web)).containsExactly("C", "D");

        assertThat(variables.replace(caller, web, Map.of())).isEmpty();
        assertThat(variables.reveal(caller, web)).isEmpty();
    }

    @Test
    void emptyAndUnicodeValuesSurviveTheRoundTrip() {
        Caller caller = users.newCaller();
        String web = newService(caller, "web");
        Map<String, String> values = Map.of("EMPTY", "", "GREETING", "grüße 👋\nzweite Zeile");

        variables.set(caller, web, values);

        assertThat(variables.reveal(caller, web)).isEqualTo(values);
    }

    @Test
    void theTableHoldsOnlyCiphertextSealedWithTheActiveKey() {
        Caller caller = users.newCaller();
        String web = newService(caller, "web");
        String secret = "postgres://app:hunter2-hunter2@db.internal/shop";
        variables.set(caller, web, Map.of("DATABASE_URL", secret));

        Object[] row =
                QuarkusTransaction.requiringNew()
                        .call(
                                () ->
                                        (Object[])
                                                entityManager
                                                        .createNativeQuery(
                                                                "select value_ciphertext, key_id,"
                                                                        + " value_size from"
                                                                        + " service_variables where"
                                                                        + " service_id = ?1 and name ="
                                                                        + " 'DATABASE_URL'")
                                                        .setParameter(1, UUID.fromString(web))
                                                        .getSingleResult());
        byte[] ciphertext = (byte[]) row[0];
        byte[] plaintext = secret.getBytes(StandardCharsets.UTF_8);

        assertThat(indexOf(ciphertext, plaintext)).isEqualTo(-1);
        assertThat(indexOf(ciphertext, "hunter2".getBytes(StandardCharsets.UTF_8))).isEqualTo(-1);
        // 12-byte nonce, the ciphertext, a 16-byte tag.
        assertThat(ciphertext).hasSize(12 + plaintext.length + 16);
        assertThat(row[1]).isEqualTo("test-2");
        assertThat(((Number) row[2]).intValue()).isEqualTo(plaintext.length);
    }

    @Test
    void aCiphertextCopiedToAnotherRowOrServiceDoesNotOpen() {
        Caller caller = users.newCaller();
        String web = newService(caller, "web");
        String api = newService(caller, "api");
        variables.set(caller, web, Map.of("SECRET", "only-for-web", "OTHER", "x"));
        variables.set(caller, api, Map.of("SECRET", "only-for-api"));

        // Within one service: SECRET's ciphertext under the name OTHER.
        nativeUpdate(
                "update service_variables set value_ciphertext = (select value_ciphertext from"
                        + " service_variables where service_id = ?1 and name = 'SECRET') where"
                        + " service_id = ?1 and name = 'OTHER'",
                UUID.fromString(web));
        assertThatThrownBy(() -> variables.reveal(caller, web))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("variable OTHER of service " + web + " failed to open")
                .hasMessageNotContaining("only-for-web");

        // Across services: web's SECRET pasted over api's SECRET, same name.
        nativeUpdate(
                "update service_variables set value_ciphertext = (select value_ciphertext from"
                        + " service_variables where service_id = ?1 and name = 'SECRET') where"
                        + " service_id = ?2 and name = 'SECRET'",
                UUID.fromString(web),
                UUID.fromString(api));
        assertThatThrownBy(() -> variables.reveal(caller, api))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("variable SECRET of service " + api + " failed to open")
                .hasMessageNotContaining("only-for");
    }

    @Test
    void aValueSealedWithAnOlderKeyStillOpensAndIsResealedWhenSet() {
        Caller caller = users.newCaller();
        String web = newService(caller, "web");
        variables.set(caller, web, Map.of("TOKEN", "placeholder"));
        SecretBox oldBox = new SecretBox(withActiveKey("test-1"));
        SealedValue old =
                oldBox.seal(
                        "from-2023".getBytes(StandardCharsets.UTF_8),
                        Variables.associatedData(UUID.fromString(web), "TOKEN"));
        nativeUpdate(
                "update service_variables set value_ciphertext = ?2, key_id = ?3 where service_id"
                        + " = ?1 and name = 'TOKEN'",
                UUID.fromString(web),
                old.bytes(),
                old.keyId());
        assertThat(keyIdOf(web, "TOKEN")).isEqualTo("test-1");

        assertThat(variables.reveal(caller, web)).containsExactly(entry("TOKEN", "from-2023"));

        variables.set(caller, web, Map.of("TOKEN", "from-2024"));
        assertThat(keyIdOf(web, "TOKEN")).isEqualTo("test-2");
        assertThat(variables.reveal(caller, web)).containsExactly(entry("TOKEN", "from-2024"));
    }

    @Test
    void refusesAValueOver64KibNamingTheFieldAndStoresNothing() {
        Caller caller = users.newCaller();
        String web = newService(caller, "web");
        variables.set(caller, web, Map.of("KEEP", "k"));
        String tooBig = "s3cr3t".repeat(11 * KIB); // 67,584 bytes

        assertRefused(() -> variables.set(caller, web, Map.of("NEW", "n", "BIG", tooBig)))
                .hasMessageContaining("BIG")
                .hasMessageContaining("65536")
                .hasMessageNotContaining("s3cr3t");
        // 2 bytes per 'é': 32,769 characters are 65,538 bytes.
        assertRefused(() -> variables.set(caller, web, Map.of("ACCENTS", "é".repeat(32 * KIB + 1))))
                .hasMessageContaining("(got 65538 bytes)");
        assertRefused(() -> variables.replace(caller, web, Map.of("BIG", tooBig)));

        assertThat(variables.reveal(caller, web)).containsExactly(entry("KEEP", "k"));
        assertThat(variables.set(caller, web, Map.of("EXACTLY_64K", "x".repeat(64 * KIB))))
                .containsExactly("EXACTLY_64K", "KEEP");
    }

    @Test
    void refusesMoreThan200VariablesAndStoresNothing() {
        Caller caller = users.newCaller();
        String web = newService(caller, "web");

        assertRefused(() -> variables.set(caller, web, numbered("V", 201)))
                .hasMessageContaining("at most 200 variables");
        assertThat(variables.names(caller, web)).isEmpty();

        variables.set(caller, web, numbered("OLD", 150));
        assertRefused(() -> variables.set(caller, web, numbered("NEW", 51)))
                .hasMessageContaining("would give it 201");
        assertThat(variables.names(caller, web)).hasSize(150).allMatch(n -> n.startsWith("OLD"));

        // replace drops the old ones, so 200 new ones fit.
        assertThat(variables.replace(caller, web, numbered("NEW", 200))).hasSize(200);
    }

    @Test
    void refusesMoreThan512KibOfNamesAndValuesAndStoresNothing() {
        Caller caller = users.newCaller();
        String web = newService(caller, "web");
        String full = "x".repeat(64 * KIB);
        Map<String, String> seven = new HashMap<>();
        for (int i = 0; i < 7; i++) {
            seven.put("V" + i, full);
        }
        variables.set(caller, web, seven); // 7 × (2 + 65,536) = 458,766 bytes

        assertRefused(() -> variables.set(caller, web, Map.of("V7", full, "SMALL", "s")))
                .hasMessageContaining("at most 524288 bytes")
                .hasMessageContaining("would make them 524310 bytes");
        assertThat(variables.names(caller, web))
                .containsExactly("V0", "V1", "V2", "V3", "V4", "V5", "V6");

        // Overwriting counts the new value instead of the old one, not both.
        assertThat(variables.set(caller, web, Map.of("V0", full))).hasSize(7);
        // Names count too: 8 × 65,536 bytes of values alone fit, plus names do not.
        Map<String, String> eight = new HashMap<>(seven);
        eight.put("V7", full);
        assertRefused(() -> variables.replace(caller, web, eight));
        assertThat(variables.names(caller, web)).hasSize(7);
    }

    @Test
    void refusesNulUnpairedSurrogatesMissingValuesAndBadNames() {
        Caller caller = users.newCaller();
        String web = newService(caller, "web");

        assertRefused(() -> variables.set(caller, web, Map.of("OK", "1", "NUL", "a\u0000b")))
                .hasMessage("env: the value of NUL must not contain NUL characters");
        assertRefused(() -> variables.set(caller, web, Map.of("HALF", "broken \uD83D")))
                .hasMessageStartingWith("env: the value of HALF is not valid Unicode text");
        Map<String, String> missing = new HashMap<>();
        missing.put("NONE", null);
        assertRefused(() -> variables.set(caller, web, missing))
                .hasMessage("env: the value of NONE is missing");
        assertRefused(() -> variables.set(caller, web, Map.of("OK", "1", "1ST", "x")));
        assertRefused(() -> variables.set(caller, web, Map.of("A-B", "x")));
        assertRefused(() -> variables.unset(caller, web, Set.of("A B")));

        assertThat(variables.names(caller, web)).isEmpty();
    }

    @Test
    void decryptedForGivesTheDeploymentPathEveryValueByName() {
        Caller caller = users.newCaller();
        String web = newService(caller, "web");
        variables.set(caller, web, Map.of("B", "2", "A", "1"));

        Map<EnvVarName, String> env =
                QuarkusTransaction.requiringNew()
                        .call(
                                () ->
                                        variables.decryptedFor(
                                                services.owned(caller, UUID.fromString(web))));

        assertThat(env)
                .containsExactly(entry(EnvVarName.of("A"), "1"), entry(EnvVarName.of("B"), "2"));
    }

    @Test
    void theServiceViewNamesVariablesButNeverShowsValues() {
        Caller caller = users.newCaller();
        String web = newService(caller, "web");
        variables.set(caller, web, Map.of("STRIPE_KEY", "sk_live_abcdef123456"));

        assertThat(services.get(caller, web).variableNames()).containsExactly("STRIPE_KEY");
        assertThat(services.get(caller, web).toString()).doesNotContain("sk_live_abcdef123456");
    }

    @Test
    void anotherUsersVariablesAreNotFoundAndStayUnchanged() {
        Caller owner = users.newCaller();
        Caller stranger = users.newCaller();
        String web = newService(owner, "web");
        variables.set(owner, web, Map.of("SECRET", "s"));

        List<ThrowingCallable> calls =
                List.of(
                        () -> variables.set(stranger, web, Map.of("SECRET", "mine")),
                        () -> variables.unset(stranger, web, Set.of("SECRET")),
                        () -> variables.replace(stranger, web, Map.of()),
                        () -> variables.names(stranger, web),
                        () -> variables.reveal(stranger, web));
        for (ThrowingCallable call : calls) {
            assertThatThrownBy(call)
                    .isInstanceOf(NotFoundException.class)
                    .hasMessage("service " + web + " not found");
        }

        assertThat(variables.reveal(owner, web)).containsExactly(entry("SECRET", "s"));
    }

    @Test
    void aDeletedServicesVariablesAreGone() {
        Caller caller = users.newCaller();
        String web = newService(caller, "web");
        variables.set(caller, web, Map.of("SECRET", "s"));

        services.delete(caller, web);

        assertThatThrownBy(() -> variables.reveal(caller, web))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> variables.set(caller, web, Map.of("A", "1")))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void theDatabaseRefusesAValueSizeOver64Kib() {
        Caller caller = users.newCaller();
        String web = newService(caller, "web");

        assertThatThrownBy(
                        () ->
                                nativeUpdate(
                                        "insert into service_variables (service_id, name,"
                                                + " value_ciphertext, key_id, value_size) values (?1,"
                                                + " 'BIG', '\\x00'::bytea, 'test-2', 65537)",
                                        UUID.fromString(web)))
                .hasStackTraceContaining("service_variables_value_size_check");
    }

    private String newService(Caller caller, String name) {
        return services.create(caller, CreateServiceRequest.builder(name).githubRepo("a/b").build())
                .id();
    }

    private static Map<String, String> numbered(String prefix, int count) {
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            values.put(prefix + i, "v");
        }
        return values;
    }

    private static org.assertj.core.api.AbstractThrowableAssert<?, ? extends Throwable>
            assertRefused(ThrowingCallable call) {
        return assertThatThrownBy(call)
                .isInstanceOf(InvalidValueException.class)
                .satisfies(e -> assertThat(((InvalidValueException) e).field()).isEqualTo("env"));
    }

    private void nativeUpdate(String sql, Object... parameters) {
        QuarkusTransaction.requiringNew()
                .run(
                        () -> {
                            var query = entityManager.createNativeQuery(sql);
                            for (int i = 0; i < parameters.length; i++) {
                                query.setParameter(i + 1, parameters[i]);
                            }
                            query.executeUpdate();
                        });
    }

    private String keyIdOf(String serviceId, String name) {
        return QuarkusTransaction.requiringNew()
                .call(
                        () ->
                                (String)
                                        entityManager
                                                .createNativeQuery(
                                                        "select key_id from service_variables where"
                                                                + " service_id = ?1 and name = ?2")
                                                .setParameter(1, UUID.fromString(serviceId))
                                                .setParameter(2, name)
                                                .getSingleResult());
    }

    private CryptoConfig withActiveKey(String keyId) {
        return new CryptoConfig() {
            @Override
            public Map<String, String> keys() {
                return cryptoConfig.keys();
            }

            @Override
            public String activeKey() {
                return keyId;
            }

            @Override
            public String tokenPepper() {
                return cryptoConfig.tokenPepper();
            }
        };
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
