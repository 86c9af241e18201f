package io.digits.training;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.List;

import io.digits.training.status.LossPoint;
import io.digits.training.store.LossCsv;

import org.springframework.http.HttpInputMessage;
import org.springframework.http.HttpOutputMessage;
import org.springframework.http.MediaType;
import org.springframework.http.converter.AbstractGenericHttpMessageConverter;
import org.springframework.http.converter.HttpMessageNotReadableException;

/**
 * Writes a loss curve as CSV when the client asks for {@code text/csv}: the loss endpoint answers JSON or CSV by
 * content negotiation, from one handler. Only a {@code List<LossPoint>} is written this way.
 */
class LossCsvConverter extends AbstractGenericHttpMessageConverter<List<LossPoint>> {

	LossCsvConverter() {
		super(new MediaType("text", "csv", StandardCharsets.UTF_8));
	}

	@Override
	protected boolean supports(Class<?> clazz) {
		return List.class.isAssignableFrom(clazz);
	}

	@Override
	public boolean canWrite(Type type, Class<?> clazz, MediaType mediaType) {
		return isLossCurve(type) && canWrite(mediaType);
	}

	@Override
	public boolean canRead(Type type, Class<?> contextClass, MediaType mediaType) {
		return false;
	}

	private static boolean isLossCurve(Type type) {
		return type instanceof ParameterizedType list && list.getRawType() == List.class
				&& list.getActualTypeArguments()[0] == LossPoint.class;
	}

	@Override
	protected void writeInternal(List<LossPoint> points, Type type, HttpOutputMessage output) throws IOException {
		Writer out = new OutputStreamWriter(output.getBody(), StandardCharsets.UTF_8);
		LossCsv.write(points, out);
		out.flush();
	}

	@Override
	protected List<LossPoint> readInternal(Class<? extends List<LossPoint>> clazz, HttpInputMessage input) {
		throw new HttpMessageNotReadableException("A loss curve is not accepted as input", input);
	}

	@Override
	public List<LossPoint> read(Type type, Class<?> contextClass, HttpInputMessage input) {
		throw new HttpMessageNotReadableException("A loss curve is not accepted as input", input);
	}

}
