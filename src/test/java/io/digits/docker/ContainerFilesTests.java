package io.digits.docker;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What can be checked of the container set-up without a Docker engine: compose.yaml names the services, ports,
 * volumes and GPU reservation docs/docker.md describes; the Dockerfile's stages and base images are the ones it names; the
 * entrypoint sizes memory from the container's limit.
 */
class ContainerFilesTests {

	@Test
	@SuppressWarnings("unchecked")
	void composeRunsDigitsOnTheGpuOrTheCpuBesidePrometheusAndGrafana() throws IOException {
		Map<String, Object> compose = new Yaml().load(Files.readString(Path.of("compose.yaml")));
		Map<String, Map<String, Object>> services = (Map<String, Map<String, Object>>) compose.get("services");
		assertThat(services).containsOnlyKeys("digits", "digits-cpu", "prometheus", "grafana");

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
		assertThat((Map<String, Object>) compose.get("volumes")).containsOnlyKeys("models", "prometheus-data");
		for (Map<String, Object> service : services.values()) {
			for (String volume : (List<String>) service.getOrDefault("volumes", List.of())) {
				if (volume.startsWith("./")) {
					assertThat(Path.of(volume.substring(0, volume.indexOf(':')))).as(volume).exists();
				}
			}
		}
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
	}

	private static String entrypointCommand(Path limit, Path meminfo, String javaOptions) throws Exception {
		ProcessBuilder builder = new ProcessBuilder("sh", "docker/entrypoint.sh", "--server.port=8080");
		builder.environment().put("DIGITS_PRINT_COMMAND", "1");
		builder.environment().put("DIGITS_MEMORY_LIMIT_FILE", limit.toString());
		builder.environment().put("DIGITS_MEMINFO_FILE", meminfo.toString());
		builder.environment().put("JAVA_OPTS", javaOptions);
		Process process = builder.redirectErrorStream(true).start();
		assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
		assertThat(process.exitValue()).isZero();
		return new String(process.getInputStream().readAllBytes()).strip();
	}

	@SuppressWarnings("unchecked")
	private static Object at(Map<String, Object> map, String... path) {
		Object value = map;
		for (String key : path) {
			value = ((Map<String, Object>) value).get(key);
		}
		return value;
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
