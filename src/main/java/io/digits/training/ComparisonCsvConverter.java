package io.digits.training;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import io.digits.training.JobComparison.ComparedJob;
import io.digits.training.JobComparison.EpochRow;
import io.digits.training.JobComparison.EpochScores;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.dataformat.csv.CsvMapper;
import tools.jackson.dataformat.csv.CsvSchema;
import tools.jackson.dataformat.csv.CsvWriteFeature;

import org.springframework.http.HttpInputMessage;
import org.springframework.http.HttpOutputMessage;
import org.springframework.http.MediaType;
import org.springframework.http.converter.AbstractHttpMessageConverter;
import org.springframework.http.converter.HttpMessageNotReadableException;

/**
 * Writes a comparison's epochs as CSV when the client asks for {@code text/csv}, for a spreadsheet or a plotting
 * script: {@code epoch}, then {@code <id>.trainLoss,<id>.testLoss,<id>.testAccuracy} for each job in the order asked,
 * one row per epoch, an empty cell where a job has no such epoch.
 */
class ComparisonCsvConverter extends AbstractHttpMessageConverter<JobComparison> {

	/**
	 * Leaves the stream open: the response is Spring's to close. Quotes only what CSV requires: by default the
	 * column names would be quoted for their dashes and dots ("job-...".trainLoss), which no reader needs.
	 */
	private static final CsvMapper CSV = CsvMapper.builder()
		.disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
		.enable(CsvWriteFeature.STRICT_CHECK_FOR_QUOTING)
		.build();

	ComparisonCsvConverter() {
		super(new MediaType("text", "csv", StandardCharsets.UTF_8));
	}

	@Override
	protected boolean supports(Class<?> clazz) {
		return JobComparison.class == clazz;
	}

	@Override
	public boolean canRead(Class<?> clazz, MediaType mediaType) {
		return false;
	}

	@Override
	protected JobComparison readInternal(Class<? extends JobComparison> clazz, HttpInputMessage input) {
		throw new HttpMessageNotReadableException("A comparison is not accepted as input", input);
	}

	@Override
	protected void writeInternal(JobComparison comparison, HttpOutputMessage output) throws IOException {
		Writer out = new OutputStreamWriter(output.getBody(), StandardCharsets.UTF_8);
		write(comparison, out);
		out.flush();
	}

	static void write(JobComparison comparison, Writer out) throws IOException {
		CsvSchema.Builder columns = CsvSchema.builder().addColumn("epoch");
		for (ComparedJob job : comparison.jobs()) {
			columns.addColumn(job.id() + ".trainLoss")
				.addColumn(job.id() + ".testLoss")
				.addColumn(job.id() + ".testAccuracy");
		}
		List<List<Object>> rows = new ArrayList<>();
		for (EpochRow epoch : comparison.epochs()) {
			List<Object> row = new ArrayList<>();
			row.add(epoch.epoch());
			for (ComparedJob job : comparison.jobs()) {
				EpochScores scores = epoch.jobs().get(job.id());
				// nulls are written as empty cells: the job has no such epoch
				row.add(scores == null ? null : scores.trainLoss());
				row.add(scores == null ? null : scores.testLoss());
				row.add(scores == null ? null : scores.testAccuracy());
			}
			rows.add(row);
		}
		CSV.writer(columns.build().withHeader()).writeValue(out, rows);
	}

}
