package io.tradeflow.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks {@code docker/compose.yaml} where Docker cannot run it: the services of the stack, pinned
 * images, the published ports, every mounted file present, every {@code ${VAR}} documented and
 * in {@code .env.example}, the Dockerfile's targets, and the Prometheus reporter in the Flink
 * configuration the cluster mounts.
 */
class DockerStackTest {
    private static final Path DOCKER = Path.of("..", "docker");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @Test
    void composeDeclaresThePinnedStack() throws Exception {
        JsonNode compose = YAML.readTree(DOCKER.resolve("compose.yaml").toFile());
        JsonNode services = compose.get("services");
        assertThat(names(services)).containsExactlyInAnyOrder("kafka", "postgres", "migrator",
                "jobmanager", "taskmanager", "submitter", "jupyter", "prometheus");
        String dockerfile = Files.readString(DOCKER.resolve("Dockerfile"));
        for (Iterator<Map.Entry<String, JsonNode>> it = services.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode s = e.getValue();
            if (s.has("image")) {
                String image = s.get("image").asText();
                assertThat(image).as(e.getKey()).matches("[^:]+:[^:]+")
                        .doesNotEndWith(":latest");
            } else {
                assertThat(s.at("/build/dockerfile").asText()).isEqualTo("docker/Dockerfile");
                assertThat(dockerfile).contains(" AS " + s.at("/build/target").asText() + "\n");
            }
            for (JsonNode v : s.path("volumes")) {
                String host = v.asText().split(":")[0];
                if (host.startsWith(".")) {
                    assertThat(DOCKER.resolve(host)).as("%s mounts %s", e.getKey(), host)
                            .exists();
                }
            }
        }
        assertThat(services.at("/jobmanager/ports/0").asText()).isEqualTo("8081:8081");
        assertThat(services.at("/kafka/ports/0").asText()).isEqualTo("9092:9092");
        assertThat(services.at("/postgres/ports/0").asText()).isEqualTo("5432:5432");
    }

    @Test
    void everyVariableIsDocumentedAndExemplified() throws Exception {
        String compose = Files.readString(DOCKER.resolve("compose.yaml"));
        String readme = Files.readString(DOCKER.resolve("README.md"));
        String example = Files.readString(DOCKER.resolve(".env.example"));
        Matcher m = Pattern.compile("\\$\\{([A-Z_]+)}").matcher(compose);
        TreeSet<String> vars = new TreeSet<>();
        while (m.find()) {
            vars.add(m.group(1));
        }
        assertThat(vars).isNotEmpty();
        for (String v : vars) {
            assertThat(readme).as("README documents %s", v).contains("`" + v + "`");
            assertThat(example).as(".env.example sets %s", v).containsPattern("(?m)^" + v + "=");
        }
        assertThat(Files.readString(Path.of("..", ".gitignore"))).contains("docker/.env");
    }

    @Test
    void theClusterConfigurationReportsToPrometheus() throws Exception {
        JsonNode conf = YAML.readTree(Path.of("..", "flink-conf", "config.yaml").toFile());
        assertThat(conf.at("/metrics/reporter/prom/port").asInt()).isEqualTo(9249);
        assertThat(conf.at("/metrics/reporter/prom").get("factory.class").asText())
                .isEqualTo("org.apache.flink.metrics.prometheus.PrometheusReporterFactory");
        assertThat(Files.readString(DOCKER.resolve("prometheus.yml")))
                .contains("jobmanager:9249", "taskmanager:9249");
    }

    private static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
