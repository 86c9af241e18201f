package io.digits.capture;

import java.io.ByteArrayInputStream;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/** The capture API's web layer alone: hostile input is a 400 or 404 problem naming the field, and nothing changes. */
@WebMvcTest(CaptureController.class)
@Import(CaptureControllerTests.Properties.class)
class CaptureControllerTests {

	static final String ID = "capture-0123456789ab";

	@TestConfiguration
	@EnableConfigurationProperties(CaptureProperties.class)
	static class Properties {

	}

	@Autowired
	MockMvcTester mvc;

	@MockitoBean
	CaptureService captures;

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "{\"digit\": -1}", "{\"digit\": 10}", "{\"digit\": \"4\"}", "{\"digit\": 4.5}", "{}",
			"{\"digit\": null}", "{\"digit\": 4, \"confidence\": 1}", "{\"digit\": true}", "{\"digit\": [4]}",
			"{\"digit\": 99999999999999999999}" })
	void aLabelThatIsNotADigitIsA400NamingDigit(String body) {
		MvcTestResult result = label(ID, body);

		assertThat(result).hasStatus(400).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(result).bodyJson().extractingPath("$.field").asString().isIn("digit", "confidence");
		verify(captures, never()).label(anyString(), anyInt());
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "null", "[]", "4", "not json", "{\"digit\": 4}}" })
	void aLabelBodyThatIsNotAnObjectIsA400(String body) {
		assertThat(label(ID, body)).hasStatus(400).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
		verify(captures, never()).label(anyString(), anyInt());
	}

	@Test
	void aLabelIsAnsweredWithTheCaptureAndAnUnknownCaptureIs404() {
		when(captures.label(ID, 4)).thenReturn(capture(ID, 4));
		when(captures.label("capture-000000000000", 4)).thenThrow(new CaptureNotFoundException("capture-000000000000"));
		when(captures.label("..", 4)).thenThrow(new CaptureNotFoundException(".."));

		MvcTestResult labelled = label(ID, "{\"digit\": 4}");
		assertThat(labelled).hasStatus(200);
		assertThat(labelled).bodyJson().extractingPath("$.label").isEqualTo(4);
		assertThat(labelled).bodyJson().extractingPath("$.image").isEqualTo("/api/captures/" + ID + "/image.png");

		MvcTestResult unknown = label("capture-000000000000", "{\"digit\": 4}");
		assertThat(unknown).hasStatus(404).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(unknown).bodyJson().extractingPath("$.detail").asString().contains("No capture 'capture-000000000000'");
		assertThat(unknown).bodyJson().extractingPath("$.field").isEqualTo("id");
		assertThat(label("..", "{\"digit\": 4}")).hasStatus(404);
	}

	@ParameterizedTest(name = "?{0}={1}")
	@CsvSource({ "size, 0", "size, 201", "size, 99999999999", "size, ten", "size, ''", "page, -1", "page, x",
			"page, 2147483648", "lowConfidence, yes", "lowConfidence, 1", "labelled, TRUE", "model, ../x",
			"model, model-0123", "dataset, cifar", "format, csv", "format, ZIP" })
	void aListParameterOutOfBoundsIsA400NamingIt(String parameter, String value) {
		MvcTestResult result = mvc.get().uri("/api/captures?{p}={v}", parameter, value).exchange();

		assertThat(result).hasStatus(400).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(result).bodyJson().extractingPath("$.field").isEqualTo(parameter);
		verify(captures, never()).list(any(), anyInt(), anyInt());
	}

	@Test
	void theRefusalOfAPageTooLargeNamesTheLimitEvenToAClientAskingForAZip() {
		MvcTestResult result = mvc.get().uri("/api/captures?size=5000").accept(MediaType.parseMediaType("application/zip")).exchange();

		assertThat(result).hasStatus(400).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(result).bodyJson().extractingPath("$.detail").asString().contains("1 to 200").contains("max-page-size");
	}

	@Test
	void theListIsJsonByDefaultWithItsFilters() {
		when(captures.list(new CaptureFilter(true, "model-0123456789ab", false, "mnist"), 2, 5))
			.thenReturn(List.of(capture(ID, null)));

		MvcTestResult result = mvc.get()
			.uri("/api/captures?lowConfidence=true&model=model-0123456789ab&labelled=false&dataset=mnist&page=2&size=5")
			.exchange();

		assertThat(result).hasStatus(200).hasContentType(MediaType.APPLICATION_JSON);
		assertThat(result).bodyJson().extractingPath("$[0].id").isEqualTo(ID);
		assertThat(result).bodyJson().extractingPath("$[0].flags[0]").isEqualTo("low-confidence");
		verify(captures).list(eq(new CaptureFilter(true, "model-0123456789ab", false, "mnist")), eq(2), eq(5));
		assertThat(mvc.get().uri("/api/captures").exchange()).hasStatus(200);
		verify(captures).list(CaptureFilter.ALL, 0, 20);
	}

	@Test
	void aZipHoldsAPngForEachCaptureAndACsvOfTheirLabels() throws Exception {
		List<Capture> listed = List.of(capture(ID, 4), capture("capture-ba9876543210", null));
		when(captures.list(any(), anyInt(), anyInt())).thenReturn(listed);
		Map<String, byte[]> pixels = new LinkedHashMap<>();
		pixels.put(ID, gray(200));
		pixels.put("capture-ba9876543210", gray(0));
		when(captures.pixels(listed)).thenReturn(pixels);

		for (MvcTestResult result : List.of(mvc.get().uri("/api/captures?format=zip").exchange(),
				mvc.get().uri("/api/captures").accept(MediaType.parseMediaType("application/zip")).exchange())) {
			assertThat(result).hasStatus(200).hasContentType("application/zip").hasHeader("Content-Disposition",
					"attachment; filename=\"captures.zip\"");
			Map<String, byte[]> entries = unzip(result.getResponse().getContentAsByteArray());
			assertThat(entries).containsOnlyKeys(ID + ".png", "capture-ba9876543210.png", "labels.csv");
			BufferedImage image = ImageIO.read(new ByteArrayInputStream(entries.get(ID + ".png")));
			assertThat(image.getWidth()).isEqualTo(28);
			assertThat(image.getRaster().getSample(3, 0, 0)).isEqualTo(200);
			assertThat(new String(entries.get("labels.csv"), StandardCharsets.UTF_8).lines()).containsExactly(
					CaptureExport.CSV_HEADER,
					ID + ".png," + ID + ",4,7,0.42,model-0123456789ab,mnist,low-confidence,2026-12-01T10:00:00Z",
					"capture-ba9876543210.png,capture-ba9876543210,,7,0.42,model-0123456789ab,mnist,low-confidence,2026-12-01T10:00:00Z");
		}
		assertThat(mvc.get().uri("/api/captures?format=json").accept(MediaType.APPLICATION_JSON).exchange())
			.hasContentType(MediaType.APPLICATION_JSON);
	}

	@Test
	void aCapturesImageIsItsGrayPngAndAnUnknownOneIs404() throws Exception {
		when(captures.pixels(ID)).thenReturn(gray(77));
		when(captures.pixels("capture-000000000000")).thenThrow(new CaptureNotFoundException("capture-000000000000"));

		MvcTestResult png = mvc.get().uri("/api/captures/" + ID + "/image.png").exchange();
		assertThat(png).hasStatus(200).hasContentType(MediaType.IMAGE_PNG);
		BufferedImage image = ImageIO.read(new ByteArrayInputStream(png.getResponse().getContentAsByteArray()));
		assertThat(image.getWidth()).isEqualTo(28);
		assertThat(image.getHeight()).isEqualTo(28);
		assertThat(image.getRaster().getSample(27, 27, 0)).isEqualTo(77);

		assertThat(mvc.get().uri("/api/captures/capture-000000000000/image.png").exchange()).hasStatus(404)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
	}

	@Test
	void deletingOneIs204AndDeletingAllSaysHowMany() {
		when(captures.deleteAll()).thenReturn(12);
		doThrow(new CaptureNotFoundException("capture-000000000000")).when(captures).delete("capture-000000000000");

		assertThat(mvc.delete().uri("/api/captures/" + ID).exchange()).hasStatus(204);
		verify(captures).delete(ID);
		assertThat(mvc.delete().uri("/api/captures/capture-000000000000").exchange()).hasStatus(404);
		assertThat(mvc.delete().uri("/api/captures").exchange()).hasStatus(200)
			.bodyJson()
			.extractingPath("$.deleted")
			.isEqualTo(12);
	}

	private MvcTestResult label(String id, String body) {
		return mvc.post().uri("/api/captures/{id}/label", id).contentType(MediaType.APPLICATION_JSON).content(body).exchange();
	}

	private static Capture capture(String id, Integer label) {
		Instant at = Instant.parse("2026-12-01T10:00:00Z");
		return new Capture(id, "model-0123456789ab", "mnist", 7, 0.42f, List.of("low-confidence"), at, label,
				label == null ? null : at.plusSeconds(5));
	}

	private static byte[] gray(int value) {
		byte[] gray = new byte[Capture.PIXELS];
		java.util.Arrays.fill(gray, (byte) value);
		return gray;
	}

	private static Map<String, byte[]> unzip(byte[] zip) throws Exception {
		Map<String, byte[]> entries = new LinkedHashMap<>();
		try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
			for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
				entries.put(entry.getName(), in.readAllBytes());
			}
		}
		return entries;
	}

}
