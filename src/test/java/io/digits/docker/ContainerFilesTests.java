package io.digits.docker;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What can be checked of the container set-up without a Docker engine: compose.yaml names the services, ports,
 * volumes and GPU reservation docs/docker.md describes; the Dockerfile's stages and base images are the ones it names; the
 * build resolves Maven's dependencies before the sources come in; the GPU image comes with JavaCPP's cache filled, by a
 * program run here on a jar of its own; the entrypoint sizes memory from the container's limit. The profile cluster:
 * PostgreSQL, replicas on it behind nginx (set up for event streams and uploads), a Prometheus that scrapes each
 * replica, and the dashboard that shows them side by side. The alert rules (issue 17) and the dashboard's Trust row.
 */
class ContainerFilesTests {

	@Test
	@SuppressWarnings("unchecked")
	void composeRunsDigitsOnTheGpuOrTheCpuBesidePrometheusAndGrafana() throws IOException {
		Map<String, Object> compose = new Yaml().load(Files.readString(Path.of("compose.yaml")));
		Map<String, Map<String, Object>> services = (Map<String, Map<String, Object>>) compose.get("services");
		assertThat(services).containsOnlyKeys("digits", "digits-cpu", "prometheus", "grafana", "postgres", "digits-a",
				"digits-b", "nginx", "prometheus-cluster", "grafana-cluster");
		// the one-replica stack runs with no profile (or cpu), on the default network, as before the profile cluster
		for (String name : List.of("digits", "prometheus", "grafana")) {
			assertThat(services.get(name)).as(name).doesNotContainKey("profiles");
		}
		for (String name : List.of("prometheus", "grafana")) {
			assertThat(services.get(name)).as(name).doesNotContainKey("networks");
		}

		Map<String, Object> gpu = services.get("digits");
		assertThat(at(gpu, "build", "target")).isEqualTo("gpu");
		assertThat(gpu).doesNotContainKey("profiles");
		Map<String, Object> device = ((List<Map<String, Object>>) at(gpu, "deploy", "resources", "reservations",
				"devices")).get(0);
		assertThat(device).containsEntry("driver", "nvidia");
		assertThat((List<String>) device.get("capabilities")).contains("gpu");

		Map<String, Object> cpu = services.get("digits-cpu");
		assertThat(at(cpu, "build", "target")).isEqualTo("cpu");
		assertThat((List<String>) cpu.get("profiles")).containsExactly("cpu");
		assertThat(cpu).doesNotContainKey("deploy");
		for (Map<String, Object> digits : List.of(gpu, cpu)) {
			assertThat((List<String>) digits.get("ports")).containsExactly("8080:8080");
			assertThat((List<String>) digits.get("volumes")).containsExactly("models:/var/lib/digits");
			// the scrape target in docker/prometheus/prometheus.yml
			assertThat((List<String>) at(digits, "networks", "default", "aliases")).containsExactly("digits");
		}
		assertThat(Files.readString(Path.of("docker/prometheus/prometheus.yml"))).contains("\"digits:8080\"");

		assertThat((List<String>) services.get("prometheus").get("ports")).containsExactly("9090:9090");
		assertThat((List<String>) services.get("grafana").get("ports")).containsExactly("3000:3000");
		assertThat((List<String>) services.get("prometheus").get("volumes")).contains("prometheus-data:/prometheus");
		assertThat((Map<String, Object>) compose.get("volumes")).containsOnlyKeys("models", "prometheus-data",
				"postgres-data", "prometheus-cluster-data");
		for (Map<String, Object> service : services.values()) {
			for (String volume : (List<String>) service.getOrDefault("volumes", List.of())) {
				if (volume.startsWith("./")) {
					assertThat(Path.of(volume.substring(0, volume.indexOf(':')))).as(volume).exists();
				}
			}
		}
	}

	@Test
	@SuppressWarnings("unchecked")
	void theClusterProfileRunsReplicasOnOnePostgresBehindNginxWithAPrometheusOfTheirOwn() throws IOException {
		Map<String, Object> compose = new Yaml().load(Files.readString(Path.of("compose.yaml")));
		Map<String, Map<String, Object>> services = (Map<String, Map<String, Object>>) compose.get("services");
		List<String> cluster = services.entrySet()
			.stream()
			.filter(service -> ((List<String>) service.getValue().getOrDefault("profiles", List.of())).contains("cluster"))
			.map(Map.Entry::getKey)
			.toList();
		assertThat(cluster).containsExactlyInAnyOrder("postgres", "digits-a", "digits-b", "nginx", "prometheus-cluster",
				"grafana-cluster");
		// on a network of their own: nothing of the one-replica stack answers to their names, nor they to its
		for (String name : cluster) {
			assertThat(networks(services.get(name))).as(name).containsExactly("cluster");
		}
		assertThat((Map<String, Object>) compose.get("networks")).containsOnlyKeys("cluster");

		Map<String, Object> postgres = services.get("postgres");
		assertThat(postgres.get("image")).isEqualTo("postgres:15");
		assertThat((List<String>) postgres.get("volumes")).containsExactly("postgres-data:/var/lib/postgresql/data");
		assertThat((Map<String, Object>) compose.get("volumes")).containsKey("postgres-data");
		Map<String, Object> database = (Map<String, Object>) postgres.get("environment");
		assertThat(database).containsEntry("POSTGRES_DB", "digits");
		assertThat((String) database.get("POSTGRES_PASSWORD")).matches("\\$\\{DIGITS_DATABASE_PASSWORD:-[^}]+}");
		List<String> healthcheck = (List<String>) at(postgres, "healthcheck", "test");
		assertThat(healthcheck).startsWith("CMD", "pg_isready").contains("-h");

		List<String> replicas = replicas(compose);
		assertThat(replicas).contains("digits-a", "digits-b");
		for (String name : replicas) {
			Map<String, Object> replica = services.get(name);
			Map<String, Object> environment = (Map<String, Object>) replica.get("environment");
			assertThat((String) environment.get("DIGITS_DATABASE_URL")).as(name)
				.isEqualTo("jdbc:postgresql://postgres:5432/" + database.get("POSTGRES_DB"));
			assertThat(environment.get("DIGITS_DATABASE_USER")).as(name).isEqualTo(database.get("POSTGRES_USER"));
			assertThat(environment.get("DIGITS_DATABASE_PASSWORD")).as(name).isEqualTo(database.get("POSTGRES_PASSWORD"));
			// each its own name, the one Prometheus labels it with and its jobs show
			assertThat(environment.get("DIGITS_REPLICA_NAME")).as(name).isEqualTo(name);
			// one token for all: the same variable everywhere, or the one generated into the database
			assertThat(environment.get("DIGITS_API_TOKEN")).as(name).isEqualTo("${DIGITS_API_TOKEN:-}");
			assertThat(environment).as(name).containsEntry("SERVER_FORWARD_HEADERS_STRATEGY", "native");
			assertThat(at(replica, "depends_on", "postgres", "condition")).as(name).isEqualTo("service_healthy");
			assertThat(at(replica, "build", "target")).as(name).isEqualTo("cpu");
			assertThat(replica).as(name).doesNotContainKeys("ports", "volumes", "deploy");
			assertThat(replica.get("mem_limit")).as(name).isEqualTo(services.get("digits").get("mem_limit"));
			assertThat(replica.get("stop_grace_period")).as(name).isEqualTo("40s");
		}

		Map<String, Object> nginx = services.get("nginx");
		assertThat((String) nginx.get("image")).startsWith("nginx:");
		assertThat((List<String>) nginx.get("volumes"))
			.containsExactly("./docker/nginx/digits.conf:/etc/nginx/conf.d/default.conf:ro");
		assertThat((List<String>) nginx.get("depends_on")).containsExactlyInAnyOrderElementsOf(replicas);
		assertThat((List<String>) nginx.get("ports")).hasSize(1);

		Map<String, Object> prometheus = services.get("prometheus-cluster");
		assertThat(prometheus.get("image")).isEqualTo(services.get("prometheus").get("image"));
		assertThat((List<String>) prometheus.get("volumes"))
			.contains("./docker/prometheus/prometheus-cluster.yml:/etc/prometheus/prometheus.yml:ro");
		// Grafana's provisioned data source is http://prometheus:9090: on the cluster network, this one
		assertThat((List<String>) at(prometheus, "networks", "cluster", "aliases")).containsExactly("prometheus");
		assertThat(Files.readString(Path.of("docker/grafana/provisioning/datasources/prometheus.yml")))
			.contains("url: http://prometheus:9090");
		Map<String, Object> grafana = services.get("grafana-cluster");
		assertThat(grafana.get("volumes")).isEqualTo(services.get("grafana").get("volumes"));
		assertThat((List<String>) grafana.get("depends_on")).containsExactly("prometheus-cluster");

		// every host port once, so that the cluster runs beside the one-replica stack (whose digits and digits-cpu are
		// alternatives, on the same port)
		List<String> hostPorts = services.entrySet()
			.stream()
			.filter(service -> !service.getKey().equals("digits-cpu"))
			.flatMap(service -> ((List<String>) service.getValue().getOrDefault("ports", List.of())).stream())
			.map(port -> port.substring(0, port.lastIndexOf(':')))
			.toList();
		assertThat(hostPorts).doesNotHaveDuplicates().contains("8080", "9090", "3000");

		// the GPU variant: the same replicas on the GPU image, each with a GPU
		Map<String, Object> gpu = new Yaml().load(Files.readString(Path.of("docker/compose.cluster-gpu.yaml")));
		Map<String, Map<String, Object>> gpuReplicas = (Map<String, Map<String, Object>>) gpu.get("services");
		assertThat(gpuReplicas).containsOnlyKeys(replicas);
		for (Map<String, Object> replica : gpuReplicas.values()) {
			assertThat(at(replica, "build", "target")).isEqualTo("gpu");
			assertThat(replica.get("image")).isEqualTo("digits:gpu");
			assertThat(at(replica, "deploy", "resources", "reservations", "devices")).isEqualTo(
					at(services.get("digits"), "deploy", "resources", "reservations", "devices"));
		}
	}

	@Test
	@SuppressWarnings("unchecked")
	void nginxSpreadsRequestsOverEveryReplicaAndLetsEventStreamsAndUploadsThrough() throws IOException {
		String conf = Files.readString(Path.of("docker/nginx/digits.conf"));
		String upstream = block(conf, "upstream digits");
		List<String> replicas = replicas(new Yaml().load(Files.readString(Path.of("compose.yaml"))));
		assertThat(matches(upstream, "(?m)^\\s*server (\\S+?)(?: |;)"))
			.containsExactlyInAnyOrderElementsOf(replicas.stream().map(replica -> replica + ":8080").toList());
		// round robin, nginx's default: no other balancing method named
		assertThat(upstream).doesNotContain("least_conn").doesNotContain("ip_hash").doesNotContain("hash ");

		String location = block(conf, "location /");
		assertThat(location).contains("proxy_pass http://digits;")
			.contains("proxy_http_version 1.1;")
			.contains("proxy_set_header Connection \"\";")
			.contains("proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;")
			.contains("proxy_buffering off;");
		// longer than an event stream lives (digits.training.stream.max-lifetime, 10 minutes)
		assertThat(nginxSeconds(matches(location, "proxy_read_timeout (\\w+);").get(0))).isGreaterThan(600);

		// the largest upload the service takes, as nginx counts it (m = MiB, as Spring's MB)
		Properties application = new Properties();
		try (var in = Files.newInputStream(Path.of("src/main/resources/application.properties"))) {
			application.load(in);
		}
		long uploadLimit = DataSize.parse(application.getProperty("spring.servlet.multipart.max-request-size")).toBytes();
		List<String> bodyLimit = matches(conf, "client_max_body_size (\\w+);");
		assertThat(bodyLimit).hasSize(1);
		assertThat(nginxBytes(bodyLimit.get(0))).isEqualTo(uploadLimit);
	}

	@Test
	@SuppressWarnings("unchecked")
	void theClustersPrometheusScrapesEachReplicaUnderItsNameAndTheDashboardShowsThemSideBySide() throws IOException {
		Map<String, Object> prometheus = new Yaml()
			.load(Files.readString(Path.of("docker/prometheus/prometheus-cluster.yml")));
		assertThat(at(prometheus, "global", "scrape_interval")).isEqualTo("5s");
		List<Map<String, Object>> scrapes = (List<Map<String, Object>>) prometheus.get("scrape_configs");
		assertThat(scrapes).hasSize(1);
		Map<String, Object> scrape = scrapes.get(0);
		assertThat(scrape).containsEntry("metrics_path", "/actuator/prometheus").containsEntry("honor_labels", true);
		List<String> targets = ((List<Map<String, Object>>) scrape.get("static_configs")).stream()
			.flatMap(config -> ((List<String>) config.get("targets")).stream())
			.toList();
		List<String> replicas = replicas(new Yaml().load(Files.readString(Path.of("compose.yaml"))));
		assertThat(targets).containsExactlyInAnyOrderElementsOf(replicas.stream().map(replica -> replica + ":8080").toList());
		// instance="digits-a": the address without its port
		Map<String, Object> relabel = ((List<Map<String, Object>>) scrape.get("relabel_configs")).get(0);
		assertThat(relabel).containsEntry("target_label", "instance");
		assertThat((List<String>) relabel.get("source_labels")).containsExactly("__address__");
		Matcher instance = Pattern.compile((String) relabel.get("regex")).matcher("digits-a:8080");
		assertThat(instance.matches()).isTrue();
		// Prometheus expands $1 as Java does
		assertThat(instance.replaceAll((String) relabel.get("replacement"))).isEqualTo("digits-a");

		JsonNode dashboard = JsonMapper.builder()
			.build()
			.readTree(Files.readString(Path.of("docker/grafana/dashboards/digits.json")));
		List<JsonNode> queue = new ArrayList<>();
		for (JsonNode panel : dashboard.get("panels")) {
			if (!panel.has("targets")) {
				continue;
			}
			String title = panel.get("title").asString();
			for (JsonNode target : panel.get("targets")) {
				String expr = target.get("expr").asString();
				if (title.equals("Queue depth (cluster)")) {
					queue.add(panel);
					// the cluster's queue, the same on every replica: shown once
					assertThat(expr).isEqualTo("max(digits_training_queue_length)");
				}
				else if (!title.equals("Predicted digits")) {
					// one series per replica (the digits predicted are counted over all replicas together)
					assertThat(target.get("legendFormat").asString()).as(title + ": " + expr).contains("{{instance}}");
				}
			}
		}
		assertThat(queue).hasSize(1);
		assertThat(queue.get(0).get("title").asString()).isEqualTo("Queue depth (cluster)");
		List<Integer> ids = new ArrayList<>();
		dashboard.get("panels").forEach(panel -> ids.add(panel.get("id").asInt()));
		assertThat(ids).doesNotHaveDuplicates();
	}

	@Test
	@SuppressWarnings("unchecked")
	void theAlertRulesParseWatchSeriesTheServiceExportsAndBothPrometheusesLoadThem() throws IOException {
		Map<String, Object> alerts = new Yaml().load(Files.readString(Path.of("docker/prometheus/alerts.yml")));
		Map<String, Map<String, Object>> rules = new java.util.LinkedHashMap<>();
		for (Map<String, Object> group : (List<Map<String, Object>>) alerts.get("groups")) {
			assertThat((String) group.get("name")).isNotBlank();
			for (Map<String, Object> rule : (List<Map<String, Object>>) group.get("rules")) {
				rules.put((String) rule.get("alert"), rule);
			}
		}
		assertThat(rules).containsOnlyKeys("DigitsInputDrift", "DigitsLowConfidence");

		Map<String, Object> drift = rules.get("DigitsInputDrift");
		assertThat(drift).containsEntry("expr", "digits_input_drift_score > 0.25").containsEntry("for", "10m");
		Map<String, Object> lowConfidence = rules.get("DigitsLowConfidence");
		String ratio = "sum by (instance) (rate(digits_prediction_confidence_bucket{le=\"60.0\"}[15m])) / "
				+ "sum by (instance) (rate(digits_prediction_confidence_count[15m]))";
		assertThat(oneLine((String) lowConfidence.get("expr"))).isEqualTo("( " + ratio + " ) > 0.10 and sum by "
				+ "(instance) (increase(digits_prediction_confidence_count[15m])) >= 20");
		assertThat(lowConfidence).containsKey("for");
		for (Map.Entry<String, Map<String, Object>> rule : rules.entrySet()) {
			assertThat((Map<String, Object>) rule.getValue().get("labels")).as(rule.getKey())
				.containsEntry("severity", "warning");
			Map<String, String> annotations = (Map<String, String>) rule.getValue().get("annotations");
			assertThat(annotations.get("summary")).as(rule.getKey()).contains("{{ $labels.instance }}");
			// what to look at
			assertThat(annotations.get("description")).as(rule.getKey()).contains("GET /api/predictions/drift")
				.contains("Grafana");
			// every series is one the service registers (PrometheusTests checks them against a real scrape)
			for (String series : matches((String) rule.getValue().get("expr"), "\\b(digits_[a-z_]+)\\b")) {
				assertThat(registered(series)).as(rule.getKey() + ": " + series).isTrue();
			}
		}
		// promtool's unit tests of both rules (promtool test rules docker/prometheus/alerts.test.yml)
		Map<String, Object> ruleTests = new Yaml().load(Files.readString(Path.of("docker/prometheus/alerts.test.yml")));
		assertThat((List<String>) ruleTests.get("rule_files")).containsExactly("alerts.yml");
		assertThat(Files.readString(Path.of("docker/prometheus/alerts.test.yml"))).contains("alertname: DigitsInputDrift")
			.contains("alertname: DigitsLowConfidence");

		// both Prometheuses read the file, mounted beside their configuration (a relative rule file is read from the
		// configuration's directory)
		Map<String, Object> compose = new Yaml().load(Files.readString(Path.of("compose.yaml")));
		Map<String, Map<String, Object>> services = (Map<String, Map<String, Object>>) compose.get("services");
		for (String name : List.of("prometheus", "prometheus-cluster")) {
			List<String> volumes = (List<String>) services.get(name).get("volumes");
			String config = volumes.stream().filter(volume -> volume.endsWith(":/etc/prometheus/prometheus.yml:ro"))
				.findFirst()
				.orElseThrow();
			assertThat(volumes).as(name).contains("./docker/prometheus/alerts.yml:/etc/prometheus/alerts.yml:ro");
			Map<String, Object> prometheus = new Yaml().load(Files.readString(Path.of(config.substring(0, config.indexOf(':')))));
			assertThat((List<String>) prometheus.get("rule_files")).as(config).containsExactly("alerts.yml");
		}
	}

	@Test
	void theDashboardsTrustRowShowsTheDriftScoreTheClassSharesAndTheConfidence() throws IOException {
		JsonNode dashboard = JsonMapper.builder()
			.build()
			.readTree(Files.readString(Path.of("docker/grafana/dashboards/digits.json")));
		List<JsonNode> trust = new ArrayList<>();
		boolean inTrust = false;
		for (JsonNode panel : dashboard.get("panels")) {
			if (panel.get("type").asString().equals("row")) {
				inTrust = panel.get("title").asString().equals("Trust");
			}
			else if (inTrust) {
				trust.add(panel);
			}
		}
		Map<String, List<String>> queries = new java.util.LinkedHashMap<>();
		for (JsonNode panel : trust) {
			List<String> exprs = new ArrayList<>();
			panel.get("targets").forEach(target -> exprs.add(target.get("expr").asString()));
			queries.put(panel.get("title").asString(), exprs);
		}
		assertThat(queries).containsOnlyKeys("Input drift score", "Predicted class shares", "Confidence of the answers",
				"Answers at or below 60% confidence");
		assertThat(queries.get("Input drift score")).containsExactly("digits_input_drift_score");
		assertThat(queries.get("Predicted class shares")).containsExactly("digits_predicted_class_share");
		assertThat(queries.get("Confidence of the answers")).allMatch(expr -> expr.startsWith("histogram_quantile(")
				&& expr.contains("rate(digits_prediction_confidence_bucket["));
		// the share the alert DigitsLowConfidence watches, as the alert computes it
		String alerts = oneLine(Files.readString(Path.of("docker/prometheus/alerts.yml")));
		assertThat(queries.get("Answers at or below 60% confidence")).singleElement()
			.satisfies(expr -> assertThat(alerts).contains(oneLine(expr)));

		// the drift score's readings drawn as lines: 0.1 (some shift) and 0.25 (large, the alert's threshold)
		JsonNode drift = trust.get(0).get("fieldConfig").get("defaults");
		List<Double> steps = new ArrayList<>();
		drift.get("thresholds").get("steps").forEach(step -> {
			if (!step.get("value").isNull()) {
				steps.add(step.get("value").asDouble());
			}
		});
		assertThat(steps).containsExactly(0.1, 0.25);
		assertThat(drift.get("custom").get("thresholdsStyle").get("mode").asString()).isIn("line", "dashed",
				"line+area", "dashed+area");
		for (JsonNode panel : trust) {
			assertThat(panel.get("description").asString()).as(panel.get("title").asString()).isNotBlank();
		}

		// no two panels of the dashboard overlap (the Trust row moved Memory down)
		List<int[]> boxes = new ArrayList<>();
		for (JsonNode panel : dashboard.get("panels")) {
			JsonNode at = panel.get("gridPos");
			int[] box = { at.get("x").asInt(), at.get("y").asInt(), at.get("w").asInt(), at.get("h").asInt() };
			for (int[] other : boxes) {
				boolean apart = box[0] >= other[0] + other[2] || other[0] >= box[0] + box[2] || box[1] >= other[1] + other[3]
						|| other[1] >= box[1] + box[3];
				assertThat(apart).as(panel.get("title").asString() + " overlaps another panel").isTrue();
			}
			boxes.add(box);
		}
	}

	/** Whether the service registers a meter that Prometheus shows as this series (its name, or name and unit). */
	private static boolean registered(String series) throws IOException {
		StringBuilder sources = new StringBuilder();
		try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
			for (Path file : files.filter(file -> file.toString().endsWith(".java")).toList()) {
				sources.append(Files.readString(file));
			}
		}
		String meter = series.replaceFirst("_(bucket|count|sum|max|total)$", "").replace('_', '.');
		int unit = meter.lastIndexOf('.');
		return sources.indexOf("\"" + meter + "\"") >= 0 || sources.indexOf("\"" + meter.substring(0, unit) + "\"") >= 0
				&& sources.indexOf(".baseUnit(\"" + meter.substring(unit + 1) + "\")") >= 0;
	}

	private static String oneLine(String text) {
		return text.strip().replaceAll("\\s+", " ");
	}

	@Test
	void theDockerfileBuildsLikeItsDocsAndRunsAsAnUnprivilegedUserWithAHealthCheck() throws IOException {
		String dockerfile = Files.readString(Path.of("Dockerfile"));
		String dockerDocs = Files.readString(Path.of("docs/docker.md"));
		List<String> stages = matches(dockerfile, "(?m)^FROM \\S+ AS (\\S+)$");
		// the GPU stages after the CPU image: a build of the cpu target never runs them, with any builder
		assertThat(stages).containsExactly("build-base", "build-cpu", "cpu", "build-gpu", "gpu");
		for (String image : matches(dockerfile, "(?m)^ARG \\w+_IMAGE=(\\S+)$")) {
			assertThat(dockerDocs).as("docs/docker.md names " + image).contains(image);
		}
		assertThat(dockerfile).contains("ARG GPU_RUNTIME_IMAGE=nvidia/cuda:11.6.2-cudnn8-runtime-ubuntu20.04")
			.contains("mvn -B -q -Pcuda clean package")
			.contains("mvn -B -q clean package");
		for (String runtime : dockerfile.split("(?m)^FROM ")) {
			if (runtime.startsWith("${GPU_RUNTIME_IMAGE}") || runtime.startsWith("${CPU_RUNTIME_IMAGE}")) {
				assertThat(runtime).contains("USER digits")
					.contains("VOLUME /var/lib/digits")
					.contains("HEALTHCHECK")
					.contains("/actuator/health/readiness")
					.contains("OMP_NUM_THREADS=1")
					.contains("COPY jvm.options /opt/digits/jvm.options")
					.contains("ENTRYPOINT [\"/opt/digits/entrypoint.sh\"]");
			}
		}
		assertThat(Path.of("docker/entrypoint.sh")).isExecutable();
	}

	@Test
	void eachBuildResolvesItsDependenciesFromThePomAloneBeforeTheSourcesComeIn() throws IOException {
		String dockerfile = Files.readString(Path.of("Dockerfile"));
		String base = stage(dockerfile, "build-base");
		assertThat(instructions(base, "COPY")).containsExactly("COPY pom.xml .");
		Map<String, String> resolutions = Map.of("build-cpu", "RUN mvn -B -q dependency:go-offline", "build-gpu",
				"RUN mvn -B -q -Pcuda dependency:go-offline");
		Map<String, String> builds = Map.of("build-cpu", "RUN mvn -B -q clean package", "build-gpu",
				"RUN mvn -B -q -Pcuda clean package");
		for (String build : List.of("build-cpu", "build-gpu")) {
			String path = base + stage(dockerfile, build);
			int resolution = path.indexOf(resolutions.get(build));
			int sources = path.indexOf("COPY src src");
			assertThat(resolution).as(build + " resolves its dependencies").isNotNegative();
			// the dependency layer depends on pom.xml alone: nothing else is copied before it
			assertThat(instructions(path.substring(0, resolution), "COPY")).as(build)
				.containsExactly("COPY pom.xml .");
			assertThat(sources).as(build + " copies the sources after its dependencies").isGreaterThan(resolution);
			assertThat(path.indexOf(builds.get(build))).as(build + " builds after copying the sources")
				.isGreaterThan(sources);
			// the build runs scripts/fetch-data.sh: scripts/ is there before it
			assertThat(path.indexOf("COPY scripts scripts")).as(build).isBetween(resolution, sources);
		}
	}

	@Test
	void theGpuImageComesWithJavaCppsCacheUnpackedAndUsesIt() throws IOException {
		String dockerfile = Files.readString(Path.of("Dockerfile"));
		String build = stage(dockerfile, "build-gpu");
		String image = stage(dockerfile, "gpu");
		String cacheDir = matches(image, "(?m)^\\s*DIGITS_JAVACPP_CACHE_DIR=(\\S+)").get(0);
		assertThat(cacheDir).isEqualTo("/opt/digits/javacpp-cache");

		// unpacked at build time into that directory, from the runtime class path of the cuda profile, before the
		// sources come in (so a change to them leaves the 600 MB layer as it is)
		int prefill = build.indexOf("-Dorg.bytedeco.javacpp.cachedir=" + cacheDir);
		assertThat(prefill).isNotNegative();
		assertThat(build.substring(0, prefill)).contains("mvn -B -q -Pcuda dependency:build-classpath")
			.contains("COPY docker/PrefillJavaCppCache.java");
		assertThat(build.substring(prefill)).contains("PrefillJavaCppCache.java");
		assertThat(build.indexOf("COPY src src")).isGreaterThan(prefill);
		assertThat(Path.of("docker/PrefillJavaCppCache.java")).exists();

		// copied to the same path, the user's: JavaCPP writes its lock and links there at start
		assertThat(image).contains("COPY --from=build-gpu --chown=digits:digits " + cacheDir + " " + cacheDir)
			.containsPattern("chown digits:digits [^\\n]*" + cacheDir);
		// the CPU image unpacks at start as before, so its command is the one the entrypoint test asserts
		assertThat(stage(dockerfile, "cpu")).doesNotContain("DIGITS_JAVACPP_CACHE_DIR").doesNotContain("javacpp-cache");
	}

	@Test
	@EnabledOnOs(value = OS.LINUX, architectures = "amd64")
	void thePrefillUnpacksTheLibrariesWhereJavaCppLooksForThemAndNothingElse(@TempDir Path dir) throws Exception {
		Path jar = dir.resolve("natives-1.0-linux-x86_64.jar");
		long time = LocalDateTime.of(2022, 8, 7, 11, 46, 44).atZone(ZoneId.systemDefault()).toInstant().toEpochMilli();
		try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
			for (String name : List.of("org/example/linux-x86_64/libexample.so", "org/example/linux-x86_64/libdep.so.1",
					"org/example/linux-x86_64/include/example.h", "org/example/linux-x86_64/lib/pkgconfig/example.pc",
					"META-INF/native-image/linux-x86_64/jniexample/jni-config.json", "org/example/Example.class")) {
				JarEntry entry = new JarEntry(name);
				entry.setTime(time);
				out.putNextEntry(entry);
				out.write(name.getBytes(StandardCharsets.UTF_8));
			}
		}
		// JavaCPP itself (org.bytedeco.javacpp.Loader, not initialized here) from the test class path
		Path javacpp = Path.of(Class.forName("org.bytedeco.javacpp.Loader", false, getClass().getClassLoader())
			.getProtectionDomain()
			.getCodeSource()
			.getLocation()
			.toURI());
		Path cache = dir.resolve("cache");
		Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-Dorg.bytedeco.javacpp.cachedir=" + cache, "-cp", javacpp + File.pathSeparator + jar,
				"docker/PrefillJavaCppCache.java")
			.redirectErrorStream(true)
			.start();
		String output = new String(process.getInputStream().readAllBytes());
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
		assertThat(process.exitValue()).as(output).isZero();

		// <cache>/<jar file name>/<path in the jar>, the entry's size and time: what JavaCPP 1.5.7's cacheResource
		// checks before taking a cached file as it is
		List<Path> unpacked;
		try (Stream<Path> files = Files.walk(cache)) {
			unpacked = files.filter(Files::isRegularFile).filter(file -> !file.endsWith(".lock")).toList();
		}
		Path libraries = cache.resolve("natives-1.0-linux-x86_64.jar/org/example/linux-x86_64");
		assertThat(unpacked).as(output)
			.containsExactlyInAnyOrder(libraries.resolve("libexample.so"), libraries.resolve("libdep.so.1"));
		try (JarFile read = new JarFile(jar.toFile())) {
			for (Path library : unpacked) {
				JarEntry entry = read.getJarEntry("org/example/linux-x86_64/" + library.getFileName());
				assertThat(Files.size(library)).isEqualTo(entry.getSize());
				assertThat(Files.getLastModifiedTime(library).toMillis()).isEqualTo(entry.getTime());
			}
		}
	}

	@Test
	void theEntrypointSplitsTheContainersMemoryLimitBetweenHeapAndOffHeap(@TempDir Path dir) throws Exception {
		Path meminfo = Files.writeString(dir.resolve("meminfo"), "MemTotal:       24000000 kB\n");
		Path limit = dir.resolve("memory.max");

		// the fixed options come from jvm.options, copied into the image; the computed sizes follow, so they win
		assertThat(Files.readAllLines(Path.of("jvm.options"))).contains("-XX:+UseG1GC", "-XX:MaxGCPauseMillis=5");
		Files.writeString(limit, "2147483648\n");
		assertThat(entrypointCommand(limit, meminfo, "")).isEqualTo("java @/opt/digits/jvm.options -Xmx819m "
				+ "-Dorg.bytedeco.javacpp.maxbytes=819m -Dorg.bytedeco.javacpp.maxphysicalbytes=1843m "
				+ "-jar /opt/digits/digits.jar --server.port=8080");

		// no limit (cgroup v2 "max"): the machine's memory, 24,000,000 kB
		Files.writeString(limit, "max\n");
		assertThat(entrypointCommand(limit, meminfo, "-Xmx2g")).startsWith("java @/opt/digits/jvm.options -Xmx9374m ")
			.contains("-Dorg.bytedeco.javacpp.maxphysicalbytes=21093m -Xmx2g -jar");

		// the GPU image names JavaCPP's cache, which it fills at build time; JAVA_OPTS still comes last
		Files.writeString(limit, "2147483648\n");
		assertThat(entrypointCommand(limit, meminfo, "-Dx=1", "/opt/digits/javacpp-cache"))
			.isEqualTo("java @/opt/digits/jvm.options -Xmx819m -Dorg.bytedeco.javacpp.maxbytes=819m "
					+ "-Dorg.bytedeco.javacpp.maxphysicalbytes=1843m "
					+ "-Dorg.bytedeco.javacpp.cachedir=/opt/digits/javacpp-cache -Dx=1 "
					+ "-jar /opt/digits/digits.jar --server.port=8080");
	}

	private static String entrypointCommand(Path limit, Path meminfo, String javaOptions) throws Exception {
		return entrypointCommand(limit, meminfo, javaOptions, null);
	}

	private static String entrypointCommand(Path limit, Path meminfo, String javaOptions, String javacppCacheDir)
			throws Exception {
		ProcessBuilder builder = new ProcessBuilder("sh", "docker/entrypoint.sh", "--server.port=8080");
		builder.environment().put("DIGITS_PRINT_COMMAND", "1");
		builder.environment().put("DIGITS_MEMORY_LIMIT_FILE", limit.toString());
		builder.environment().put("DIGITS_MEMINFO_FILE", meminfo.toString());
		builder.environment().put("JAVA_OPTS", javaOptions);
		if (javacppCacheDir == null) {
			builder.environment().remove("DIGITS_JAVACPP_CACHE_DIR");
		}
		else {
			builder.environment().put("DIGITS_JAVACPP_CACHE_DIR", javacppCacheDir);
		}
		Process process = builder.redirectErrorStream(true).start();
		assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
		assertThat(process.exitValue()).isZero();
		return new String(process.getInputStream().readAllBytes()).strip();
	}

	/** The cluster's replicas: the services of the profile cluster that run on the database. */
	@SuppressWarnings("unchecked")
	private static List<String> replicas(Map<String, Object> compose) {
		Map<String, Map<String, Object>> services = (Map<String, Map<String, Object>>) compose.get("services");
		return services.entrySet()
			.stream()
			.filter(service -> ((List<String>) service.getValue().getOrDefault("profiles", List.of())).contains("cluster"))
			.filter(service -> ((Map<String, Object>) service.getValue().getOrDefault("environment", Map.of()))
				.containsKey("DIGITS_DATABASE_URL"))
			.map(Map.Entry::getKey)
			.toList();
	}

	/** A service's networks, given as a list or as a map with settings. */
	@SuppressWarnings("unchecked")
	private static List<String> networks(Map<String, Object> service) {
		Object networks = service.get("networks");
		return networks instanceof Map<?, ?> map ? map.keySet().stream().map(String::valueOf).toList()
				: (List<String>) networks;
	}

	/** The body of an nginx block, {@code name { ... }}, up to its closing brace. */
	private static String block(String conf, String name) {
		int start = conf.indexOf(name + " {");
		assertThat(start).as(name).isNotNegative();
		int depth = 0;
		for (int i = conf.indexOf('{', start); i < conf.length(); i++) {
			char c = conf.charAt(i);
			if (c == '{') {
				depth++;
			}
			else if (c == '}' && --depth == 0) {
				return conf.substring(start, i + 1);
			}
		}
		throw new AssertionError("unclosed " + name);
	}

	/** An nginx time ("90", "90s", "15m", "1h") in seconds. */
	private static long nginxSeconds(String time) {
		Matcher matcher = Pattern.compile("(\\d+)(ms|s|m|h|d)?").matcher(time);
		assertThat(matcher.matches()).as(time).isTrue();
		long value = Long.parseLong(matcher.group(1));
		return switch (matcher.group(2) == null ? "s" : matcher.group(2)) {
			case "ms" -> value / 1000;
			case "m" -> value * 60;
			case "h" -> value * 3600;
			case "d" -> value * 86400;
			default -> value;
		};
	}

	/** An nginx size ("512", "64k", "16m", "1g") in bytes. */
	private static long nginxBytes(String size) {
		Matcher matcher = Pattern.compile("(\\d+)([kKmMgG])?").matcher(size);
		assertThat(matcher.matches()).as(size).isTrue();
		long value = Long.parseLong(matcher.group(1));
		return switch (matcher.group(2) == null ? "" : matcher.group(2).toLowerCase()) {
			case "k" -> value * 1024;
			case "m" -> value * 1024 * 1024;
			case "g" -> value * 1024 * 1024 * 1024;
			default -> value;
		};
	}

	@SuppressWarnings("unchecked")
	private static Object at(Map<String, Object> map, String... path) {
		Object value = map;
		for (String key : path) {
			value = ((Map<String, Object>) value).get(key);
		}
		return value;
	}

	/** The text of the stage named {@code name}, from its FROM line to the next one. */
	private static String stage(String dockerfile, String name) {
		Matcher from = Pattern.compile("(?m)^FROM \\S+ AS " + Pattern.quote(name) + "$").matcher(dockerfile);
		assertThat(from.find()).as("stage " + name).isTrue();
		int next = dockerfile.indexOf("\nFROM ", from.end());
		return dockerfile.substring(from.start(), next < 0 ? dockerfile.length() : next + 1);
	}

	/** The instructions of a keyword, each on its first line. */
	private static List<String> instructions(String dockerfile, String keyword) {
		return matches(dockerfile, "(?m)^(" + keyword + " .*)$");
	}

	private static List<String> matches(String text, String regex) {
		List<String> found = new ArrayList<>();
		Matcher matcher = Pattern.compile(regex).matcher(text);
		while (matcher.find()) {
			found.add(matcher.group(1));
		}
		return found;
	}

}
