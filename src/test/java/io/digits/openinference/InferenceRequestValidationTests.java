package io.digits.openinference;

import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;

import io.digits.inference.PixelRequest;
import io.digits.inference.PixelScale;
import io.digits.inference.PredictionService;
import io.digits.model.ModelService;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.mockito.ArgumentCaptor;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.Mockito.clearInvocations;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

/** Every tensor the protocol allows and this model takes is read into pixels; every other one is a 400 saying why. */
@OpenInferenceSlice
class InferenceRequestValidationTests {

	private static final String IMAGE = "0,".repeat(783) + "0";

	/** One row of a [1, 28, 28] tensor, nested. */
	private static final String ROW = "[" + "0, ".repeat(27) + "0]";

	@Autowired
	MockMvcTester mvc;

	@MockitoBean
	PredictionService predictions;

	@MockitoBean
	ModelService models;

	@MockitoBean
	ServerHealth health;

	/** A bad request, and a few words its error must hold. */
	private record Refusal(String body, String says) {
	}

	@TestFactory
	Stream<DynamicTest> everyBadTensorIsA400InTheProtocolsErrorForm() {
		return refusals().stream().map(refusal -> DynamicTest.dynamicTest(abbreviate(refusal.body()), () -> {
			MvcTestResult result = infer(refusal.body());
			ProtocolErrors.assertError(result, 400, refusal.says());
			verifyNoInteractions(predictions);
		}));
	}

	private static List<Refusal> refusals() {
		return List.of(new Refusal("{\"inputs\": [", "malformed JSON"), new Refusal("", "missing"),
				new Refusal("[]", "must be a JSON object"), new Refusal("{}", "inputs holds no tensor"),
				new Refusal("{\"inputs\": []}", "inputs holds no tensor"),
				new Refusal("{\"inputs\": {}}", "inputs has the wrong type"),
				new Refusal("{\"inputs\": [null]}", "must not be null"),
				new Refusal("{\"inputs\": [" + tensor("FP32", "[1, 784]", IMAGE) + ", " + tensor("FP32", "[1, 784]", IMAGE)
						+ "]}", "inputs holds 2 tensors; this model takes one"),
				new Refusal(request("FP32", "[\"1\", 784]", IMAGE), "inputs[0].shape[0] has the wrong type"),
				new Refusal(request("FP32", "[1.0, 784]", IMAGE), "inputs[0].shape[0]"),
				new Refusal(request("FP32", "[99999999999999999999, 784]", IMAGE), "inputs[0].shape[0] is out of range"),
				new Refusal(request("FP32", "[784]", IMAGE), "one image is [1, 784]"),
				new Refusal(request("FP32", "[28, 28]", IMAGE), "[N, 784] or [N, 28, 28]"),
				new Refusal(request("FP32", "[1, 1, 28, 28]", IMAGE), "[N, 784] or [N, 28, 28]"),
				new Refusal(request("FP32", "[1, 1000000000]", IMAGE), "[N, 784] or [N, 28, 28]"),
				new Refusal(request("FP32", "[-1, 784]", IMAGE), "N must be at least 1"),
				new Refusal(request("FP32", "[0, 784]", "[]"), "N must be at least 1"),
				new Refusal(request("FP32", "[1000000000, 784]", IMAGE),
						"1000000000 images; at most 64 per request (digits.inference.max-images-per-request)"),
				new Refusal(request("FP32", "[65, 28, 28]", IMAGE), "at most 64 per request"),
				new Refusal(request("FP32", "[2, 784]", IMAGE), "inputs[0].data holds 784 values; the shape [2, 784] holds 1568"),
				new Refusal(request("FP32", "[1, 784]", "[" + IMAGE + ", 0]"), "holds 785 values"),
				new Refusal(request("FP32", "[1, 784]", "[\"0\", " + IMAGE.substring(2) + "]"),
						"inputs[0].data holds a string at [0]: the values must be numbers"),
				new Refusal(request("FP32", "[1, 784]", "[" + IMAGE.substring(2) + ", null]"), "holds null at [783]"),
				new Refusal(request("FP32", "[1, 784]", "[true]"), "holds a boolean"),
				new Refusal(request("FP32", "[1, 784]", "[NaN]"), "malformed JSON"),
				new Refusal(request("FP32", "[1, 784]", "\"AAAA\""), "inputs[0].data is not an array"),
				new Refusal(request("FP32", "[2, 784]", "[[" + IMAGE + "], [" + IMAGE.substring(2) + "]]"),
						"inputs[0].data is ragged: the array at [1] holds 783 values, the first one 784"),
				new Refusal(request("FP32", "[2, 784]", "[0, [" + IMAGE + "]]"), "mixes numbers and arrays"),
				new Refusal(request("FP32", "[1, 784]", "[[[[[[[[[0]]]]]]]]]"), "nested deeper than 8 levels"),
				new Refusal(request("FP32", "[2, 28, 28]", "[[" + IMAGE + "], [" + IMAGE + "]]"),
						"inputs[0].data is nested as [2, 784]; nest it as the shape [2, 28, 28], or send it flat"),
				new Refusal(request("FP32", "[1, 784]", "[255, " + IMAGE.substring(2) + "]"),
						"inputs[0].data[0] is 255.0; FP32 values must be 0..1"),
				new Refusal(request("FP32", "[1, 784]", "[1e40, " + IMAGE.substring(2) + "]"), "FP32 values must be 0..1"),
				new Refusal(request("FP32", "[1, 784]", "[-0.5, " + IMAGE.substring(2) + "]"), "must be 0..1"),
				new Refusal(request("UINT8", "[1, 784]", "[" + IMAGE.substring(2) + ", 256]"),
						"inputs[0].data[783] is 256; UINT8 values must be integers 0..255"),
				new Refusal(request("UINT8", "[1, 28, 28]", "[" + IMAGE.substring(4) + ", 1.5, 0]"),
						"inputs[0].data[782] is 1.5; UINT8 values must be integers 0..255"),
				new Refusal(request("FP32", "[1, 28, 28]", "[[" + String.join(", ", Collections.nCopies(27, ROW)) + ", "
						+ ROW.replace("0]", "2]") + "]]"), "inputs[0].data[0][27][27] is 2.0; FP32 values must be 0..1"),
				new Refusal(request("INT32", "[1, 784]", "[-1, " + IMAGE.substring(2) + "]"), "INT32 values must be integers 0..255"),
				new Refusal(request("fp32", "[1, 784]", IMAGE), "'fp32', which is no data type of the protocol"),
				new Refusal(request("FLOAT", "[1, 784]", IMAGE), "this model takes UINT8, UINT16"),
				new Refusal(request("FP16", "[1, 784]", IMAGE), "no JSON form for half floats"),
				new Refusal(request("BOOL", "[1, 784]", IMAGE), "booleans are no pixels"),
				new Refusal(request("BYTES", "[1]", "[\"iVBORw0KGgo=\"]"), "encoded images are not taken here"),
				new Refusal("{\"inputs\": [{\"name\": \"x\", \"shape\": [1, 784], \"datatype\": \"FP32\"}]}",
						"inputs[0].data is missing"),
				new Refusal("{\"inputs\": [{\"shape\": [1, 784], \"datatype\": \"FP32\", \"data\": [" + IMAGE + "]}]}",
						"inputs[0].name is missing"),
				new Refusal("{\"inputs\": [{\"name\": \"x\", \"datatype\": \"FP32\", \"data\": [" + IMAGE + "]}]}",
						"inputs[0].shape is missing"),
				new Refusal("{\"inputs\": [{\"name\": \"x\", \"shape\": [1, 784], \"data\": [" + IMAGE + "]}]}",
						"inputs[0].datatype is missing"),
				new Refusal(withOutputs("[{\"name\": \"logits\"}]"), "outputs[0].name is 'logits'; this model's outputs are"),
				new Refusal(withOutputs("[{\"name\": \"digit\"}, {\"name\": \"digit\"}]"), "outputs[1].name asks for digit a second time"),
				new Refusal(withOutputs("[{}]"), "outputs[0].name is missing"),
				new Refusal("{\"id\": 42, \"inputs\": [" + tensor("FP32", "[1, 784]", IMAGE) + "]}", "id has the wrong type"),
				new Refusal("{\"id\": null, \"inputs\": [" + tensor("FP32", "[1, 784]", IMAGE) + "]}", "id must not be null"),
				new Refusal("{\"model\": \"digits\", \"inputs\": [" + tensor("FP32", "[1, 784]", IMAGE) + "]}",
						"unknown field 'model'"),
				new Refusal("{\"inputs\": " + "[".repeat(5000) + "]".repeat(5000) + "}", "inputs[0] has the wrong type"),
				new Refusal(request("FP32", "[1, 784]", "[".repeat(5000) + "]".repeat(5000)),
						"nesting depth (501) exceeds the maximum allowed (500)"));
	}

	@Test
	void uint8ImagesAreSentAsBytesAndFp32ImagesInUnitScaleFlatOrNested() {
		when(predictions.predictPixels(any(), isNull())).thenReturn(ProtocolErrors.answer(1));
		ArgumentCaptor<PixelRequest> sent = ArgumentCaptor.forClass(PixelRequest.class);

		assertThat(infer(request("UINT8", "[1, 28, 28]", "[255, " + IMAGE.substring(2) + "]"))).hasStatusOk();
		verify(predictions).predictPixels(sent.capture(), isNull());
		assertThat(sent.getValue().scale()).isEqualTo(PixelScale.BYTE);
		assertThat(sent.getValue().images()).hasDimensions(1, 784);
		assertThat(sent.getValue().images()[0][0]).isEqualTo(255f);

		String rows = String.join(", ", Collections.nCopies(28, ROW.replace("0]", "0.5]")));
		assertThat(infer(request("FP32", "[1, 28, 28]", "[[" + rows + "]]"))).hasStatusOk();
		verify(predictions, org.mockito.Mockito.times(2)).predictPixels(sent.capture(), isNull());
		assertThat(sent.getValue().scale()).isEqualTo(PixelScale.UNIT);
		assertThat(sent.getValue().images()[0][27]).isEqualTo(0.5f);
		assertThat(sent.getValue().images()[0][783]).isEqualTo(0.5f);
	}

	@Test
	void anyIntegerTypeIsTakenAsBytesAndFp64AsUnitScale() {
		when(predictions.predictPixels(any(), isNull())).thenReturn(ProtocolErrors.answer(1));
		ArgumentCaptor<PixelRequest> sent = ArgumentCaptor.forClass(PixelRequest.class);
		for (String datatype : new String[] { "UINT16", "UINT32", "UINT64", "INT8", "INT16", "INT32", "INT64", "FP64" }) {
			clearInvocations(predictions);

			assertThat(infer(request(datatype, "[1, 784]", IMAGE))).as(datatype).hasStatusOk();

			verify(predictions).predictPixels(sent.capture(), isNull());
			assertThat(sent.getValue().scale()).isEqualTo(datatype.equals("FP64") ? PixelScale.UNIT : PixelScale.BYTE);
		}
	}

	@Test
	void theMostImagesARequestMayHoldAreTaken() {
		when(predictions.predictPixels(any(), isNull())).thenReturn(ProtocolErrors.answer(64));

		String data = String.join(", ", Collections.nCopies(64, IMAGE));

		assertThat(infer(request("UINT8", "[64, 784]", "[" + data + "]"))).hasStatusOk()
			.bodyJson()
			.extractingPath("$.outputs[1].shape")
			.isEqualTo(List.of(64));
	}

	private MvcTestResult infer(String body) {
		return mvc.post().uri("/v2/models/digits/infer").contentType(MediaType.APPLICATION_JSON).content(body).exchange();
	}

	static String request(String datatype, String shape, String data) {
		return "{\"inputs\": [" + tensor(datatype, shape, data) + "]}";
	}

	private static String withOutputs(String outputs) {
		return "{\"inputs\": [" + tensor("FP32", "[1, 784]", "[" + IMAGE + "]") + "], \"outputs\": " + outputs + "}";
	}

	private static String tensor(String datatype, String shape, String data) {
		String values = data.startsWith("[") || data.startsWith("\"") ? data : "[" + data + "]";
		return "{\"name\": \"input\", \"shape\": %s, \"datatype\": \"%s\", \"data\": %s}".formatted(shape, datatype, values);
	}

	private static String abbreviate(String body) {
		String name = body.isEmpty() ? "(no body)" : body;
		return name.length() <= 120 ? name : name.substring(0, 117) + "...";
	}

}
