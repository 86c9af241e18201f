package io.digits.training.store;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.util.List;

import io.digits.training.status.LossPoint;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.dataformat.csv.CsvMapper;
import tools.jackson.dataformat.csv.CsvSchema;

/** A loss curve as CSV with a header, {@code iteration,epoch,loss,timestamp}: the store's file and the API's answer. */
public final class LossCsv {

	public static final String MEDIA_TYPE = "text/csv";

	/** Leaves the stream open: the caller owns it (an HTTP response, a file being written). */
	private static final CsvMapper CSV = CsvMapper.builder().disable(StreamWriteFeature.AUTO_CLOSE_TARGET).build();

	private static final CsvSchema SCHEMA = CsvSchema.builder()
		.addColumn("iteration")
		.addColumn("epoch")
		.addColumn("loss")
		.addColumn("timestamp")
		.build()
		.withHeader();

	private LossCsv() {
	}

	public static void write(List<LossPoint> points, Writer out) throws IOException {
		CSV.writer(SCHEMA).writeValue(out, points);
	}

	public static List<LossPoint> read(Reader in) throws IOException {
		return CSV.readerFor(LossPoint.class).with(SCHEMA).<LossPoint>readValues(in).readAll();
	}

}
