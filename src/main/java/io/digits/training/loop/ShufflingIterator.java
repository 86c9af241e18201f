package io.digits.training.loop;

import java.util.List;
import java.util.Random;

import io.digits.data.LabelledImages;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.DataSetPreProcessor;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Minibatches of the first {@code limit} samples of an in-memory dataset, in an order reshuffled at every
 * {@link #reset()} by a generator seeded once, so the same seed gives the same sequence of batches. Each batch is
 * gathered with one native op per array into arrays made once and reused for every batch (a shorter last batch has
 * its own pair): a fresh pair per batch was most of a small job's native garbage, 400 KB a batch at 128, left for
 * the GC to free. A batch is used only until the next one is asked for, as {@code fit} does. A full batch is the
 * dataset itself, with no copy.
 */
final class ShufflingIterator implements DataSetIterator {

	private final LabelledImages data;

	private final int limit;

	private final int batchSize;

	private final Random random;

	private final int[] order;

	private int position;

	/** Where batches of {@code batchSize} rows are gathered, made at the first; then those of the last, shorter one. */
	private DataSet fullBatch;

	private DataSet shortBatch;

	ShufflingIterator(LabelledImages data, int limit, int batchSize, long seed) {
		this.data = data;
		this.limit = limit;
		this.batchSize = Math.min(batchSize, limit);
		this.random = new Random(seed);
		this.order = new int[limit];
		for (int i = 0; i < limit; i++) {
			order[i] = i;
		}
		shuffle();
	}

	@Override
	public boolean hasNext() {
		return position < limit;
	}

	@Override
	public DataSet next() {
		return next(batchSize);
	}

	@Override
	public DataSet next(int num) {
		int size = Math.min(num, limit - position);
		DataSet batch;
		if (size == limit) {
			// the order of the samples in a full batch does not change its gradient
			batch = limit == data.count() ? new DataSet(data.features(), data.labels())
					: new DataSet(data.features().get(NDArrayIndex.interval(0, limit), NDArrayIndex.all()),
							data.labels().get(NDArrayIndex.interval(0, limit), NDArrayIndex.all()));
		}
		else {
			int[] rows = new int[size];
			System.arraycopy(order, position, rows, 0, size);
			batch = gatherInto(rows);
		}
		position += size;
		return batch;
	}

	/**
	 * The rows of the next batch, for an engine that gathers them itself (the fused step): the same rows, in the same
	 * order, as {@link #next()} would gather, except for a batch of the whole set ({@link #wholeSetPerBatch()}), which
	 * {@code next()} gives in the set's own order, uncopied.
	 */
	int[] nextRows() {
		int size = Math.min(batchSize, limit - position);
		int[] rows = java.util.Arrays.copyOfRange(order, position, position + size);
		position += size;
		return rows;
	}

	/** True when every batch is the whole of the first {@code limit} samples, which {@link #next()} gives uncopied. */
	boolean wholeSetPerBatch() {
		return batchSize == limit;
	}

	LabelledImages data() {
		return data;
	}

	private DataSet gatherInto(int[] rows) {
		boolean full = rows.length == batchSize;
		DataSet into = full ? fullBatch : shortBatch;
		if (into == null) {
			into = new DataSet(Nd4j.create(data.features().dataType(), rows.length, LabelledImages.PIXELS),
					Nd4j.create(data.labels().dataType(), rows.length, LabelledImages.CLASSES));
			if (full) {
				fullBatch = into;
			}
			else {
				shortBatch = into;
			}
		}
		Nd4j.pullRows(data.features(), into.getFeatures(), 1, rows);
		Nd4j.pullRows(data.labels(), into.getLabels(), 1, rows);
		return into;
	}

	/** Passes over batches without gathering them, to resume an epoch where a checkpoint left it. */
	void skip(int batches) {
		position = (int) Math.min(limit, position + (long) batches * batchSize);
	}

	/** Starts the next epoch in a new order. */
	@Override
	public void reset() {
		shuffle();
		position = 0;
	}

	private void shuffle() {
		for (int i = limit - 1; i > 0; i--) {
			int j = random.nextInt(i + 1);
			int swap = order[i];
			order[i] = order[j];
			order[j] = swap;
		}
	}

	@Override
	public int inputColumns() {
		return LabelledImages.PIXELS;
	}

	@Override
	public int totalOutcomes() {
		return LabelledImages.CLASSES;
	}

	@Override
	public boolean resetSupported() {
		return true;
	}

	@Override
	public boolean asyncSupported() {
		return false;
	}

	@Override
	public int batch() {
		return batchSize;
	}

	@Override
	public void setPreProcessor(DataSetPreProcessor preProcessor) {
		throw new UnsupportedOperationException("the data is prepared once, when it is loaded");
	}

	@Override
	public DataSetPreProcessor getPreProcessor() {
		return null;
	}

	@Override
	public List<String> getLabels() {
		return null;
	}

}
