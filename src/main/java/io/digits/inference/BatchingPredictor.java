package io.digits.inference;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import io.digits.data.LabelledImages;
import io.digits.model.ClassProbabilities;
import io.digits.model.LoadedModel;
import jakarta.annotation.PreDestroy;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.stereotype.Component;

/**
 * Runs every forward pass on one thread of its own. DL4J networks are not thread-safe ({@code output} is
 * synchronized in 1.0.0-M2.1, and each calling thread would get workspaces of its own), so request threads hand their
 * images over; requests that arrive while a pass runs are batched into the next one, up to {@code maxBatch} images.
 */
@Component
class BatchingPredictor {

	private static final Logger log = LoggerFactory.getLogger(BatchingPredictor.class);

	private final BlockingQueue<Pending> queue;

	private final int maxBatch;

	/** One thread, running {@link #work} until shutdown interrupts it. */
	private final ThreadPoolTaskExecutor worker = new ThreadPoolTaskExecutor();

	private final PredictionMetrics metrics;

	BatchingPredictor(InferenceProperties properties, PredictionMetrics metrics) {
		this.metrics = metrics;
		this.queue = new ArrayBlockingQueue<>(properties.queueCapacity());
		this.maxBatch = properties.maxBatch();
		worker.setCorePoolSize(1);
		worker.setMaxPoolSize(1);
		worker.setQueueCapacity(0);
		worker.setThreadNamePrefix("inference-");
		worker.setDaemon(true);
		worker.initialize();
		worker.execute(this::work);
	}

	/** Class probabilities of each image, in order; fails at once with {@link OverloadedException} when full. */
	CompletableFuture<float[][]> predict(LoadedModel model, float[][] images) {
		Pending pending = new Pending(model, images, new CompletableFuture<>(), null);
		if (!queue.offer(pending)) {
			throw new OverloadedException();
		}
		return pending.result();
	}

	/**
	 * Runs other work with a model's network on the inference thread, in turn with the forward passes (the network is
	 * not thread-safe, and each thread would get workspaces of its own): explanations. Same queue, same bound.
	 */
	<T> CompletableFuture<T> onInferenceThread(LoadedModel model, Function<MultiLayerNetwork, T> work) {
		CompletableFuture<T> result = new CompletableFuture<>();
		Runnable task = () -> {
			try {
				result.complete(work.apply(model.network()));
			}
			catch (Throwable ex) {
				// the only inference thread must outlive any failure, out of memory included
				log.error("Work on the inference thread failed", ex);
				result.completeExceptionally(ex);
			}
		};
		if (!queue.offer(new Pending(model, new float[0][], new CompletableFuture<>(), task))) {
			throw new OverloadedException();
		}
		return result;
	}

	private void work() {
		List<Pending> batch = new ArrayList<>();
		while (!Thread.currentThread().isInterrupted()) {
			try {
				Pending first = queue.take();
				if (first.task() != null) {
					first.task().run();
					continue;
				}
				if (first.result().isDone()) {
					continue;
				}
				batch.add(first);
			}
			catch (InterruptedException ex) {
				return;
			}
			int images = batch.get(0).images().length;
			Pending next;
			while ((next = queue.peek()) != null && next.task() == null && next.model() == batch.get(0).model()
					&& images + next.images().length <= maxBatch) {
				queue.poll();
				if (!next.result().isDone()) {
					batch.add(next);
					images += next.images().length;
				}
			}
			run(batch, images);
			batch.clear();
		}
	}

	private void run(List<Pending> batch, int images) {
		try {
			float[] flat = new float[images * LabelledImages.PIXELS];
			int row = 0;
			for (Pending pending : batch) {
				for (float[] image : pending.images()) {
					System.arraycopy(image, 0, flat, row++ * LabelledImages.PIXELS, LabelledImages.PIXELS);
				}
			}
			INDArray input = Nd4j.create(flat, new long[] { images, LabelledImages.PIXELS }, DataType.FLOAT);
			float[][] probabilities = ClassProbabilities.of(batch.get(0).model().network(), input).toFloatMatrix();
			metrics.forwardPass(images);
			row = 0;
			for (Pending pending : batch) {
				float[][] own = new float[pending.images().length][];
				for (int i = 0; i < own.length; i++) {
					own[i] = probabilities[row++];
				}
				pending.result().complete(own);
			}
		}
		catch (Throwable ex) {
			// the only inference thread must outlive any failure, out of memory included
			log.error("Forward pass of {} images failed", images, ex);
			batch.forEach(pending -> pending.result().completeExceptionally(ex));
		}
	}

	/** Interrupts the thread (not waiting for tasks is the executor's default): the loop ends at its next wait. */
	@PreDestroy
	void stop() {
		worker.shutdown();
	}

	/** A batch of images to classify, or (with {@code task}) other work on the inference thread. */
	private record Pending(LoadedModel model, float[][] images, CompletableFuture<float[][]> result, Runnable task) {
	}

}
