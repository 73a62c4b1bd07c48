package ink.ml.deploy.graphql.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import ink.ml.deploy.testing.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The schema clients build against is committed; a change to it must be deliberate. After an
 * intended change, run this test with {@code -Dschema.update=true} and commit the new file with the
 * change.
 */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
class SchemaSnapshotTest {
    private static final Path COMMITTED = Path.of("src/main/resources/schema.graphql");

    @Test
    void theServedSchemaIsTheCommittedOne() throws IOException {
        String served =
                given().get("/graphql/schema.graphql").then().statusCode(200).extract().asString();
        if (Boolean.getBoolean("schema.update")) {
            Files.writeString(COMMITTED, served, StandardCharsets.UTF_8);
        }

        assertThat(served)
                .as(
                        "the schema changed: if that is intended, run SchemaSnapshotTest with"
                                + " -Dschema.update=true and commit %s",
                        COMMITTED)
                .isEqualTo(Files.readString(COMMITTED, StandardCharsets.UTF_8));
    }
}
