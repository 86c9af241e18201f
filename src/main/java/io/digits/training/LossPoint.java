package io.digits.training;

import java.util.List;

/**
 * One recorded iteration of a job's loss curve.
 *
 * @param iteration from 1
 * @param timestamp when the iteration ended, in milliseconds since the epoch
 */
public record LossPoint(long iteration, int epoch, double loss, long timestamp) {

	static String csv(List<LossPoint> points) {
		StringBuilder csv = new StringBuilder("iteration,epoch,loss,timestamp\n");
		for (LossPoint point : points) {
			csv.append(point.iteration).append(',').append(point.epoch).append(',').append(point.loss).append(',')
				.append(point.timestamp).append('\n');
		}
		return csv.toString();
	}

}
