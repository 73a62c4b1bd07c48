package ink.ml.deploy.buildplan;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TomlFileTest {
    private static final String PYPROJECT =
            """
            # a comment
            [project]
            name = "shop"  # trailing comment
            requires-python = '>=3.11'
            dependencies = [
                "fastapi>=0.110",  # the web framework
                "uvicorn[standard]>=0.29",
                'pydantic',
            ]
            description = \"\"\"
            several lines
            \"\"\"

            [tool.poetry.dependencies]
            python = "^3.11"
            gunicorn = { version = "^22", extras = ["gevent"] }
            "quoted-key" = "1"

            [[tool.mypy.overrides]]
            module = "x.*"
            """;

    @Test
    void readsStringsAndMultiLineArrays() {
        TomlFile toml = TomlFile.parse(PYPROJECT);

        assertThat(toml.string("project", "name")).contains("shop");
        assertThat(toml.string("project", "requires-python")).contains(">=3.11");
        assertThat(toml.strings("project", "dependencies"))
                .containsExactly("fastapi>=0.110", "uvicorn[standard]>=0.29", "pydantic");
    }

    @Test
    void keepsKeysWhoseValuesAreInlineTables() {
        TomlFile toml = TomlFile.parse(PYPROJECT);

        assertThat(toml.keys("tool.poetry.dependencies"))
                .containsExactly("python", "gunicorn", "quoted-key");
        assertThat(toml.string("tool.poetry.dependencies", "gunicorn")).isEmpty();
    }

    @Test
    void knowsTablesIncludingArraysOfTables() {
        TomlFile toml = TomlFile.parse(PYPROJECT);

        assertThat(toml.hasTable("project")).isTrue();
        assertThat(toml.hasTable("tool.mypy.overrides")).isTrue();
        assertThat(toml.hasTable("build-system")).isFalse();
        assertThat(toml.strings("project", "missing")).isEmpty();
    }
}
