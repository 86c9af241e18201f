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

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What can be checked of the container set-up without a Docker engine: compose.yaml names the services, ports,
 * volumes and GPU reservation docs/docker.md describes; the Dockerfile's stages and base images are the ones it names; the
 * build resolves Maven's dependencies before the sources come in; the GPU image comes with JavaCPP's cache filled, by a
 * program run here on a jar of its own; the entrypoint sizes memory from the container's limit.
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
