package io.digits.inference.trust;

import java.util.List;

import io.digits.model.ReferenceProfile;

/**
 * The last {@code size} answers of one model, compared with its reference profile. The drift score is the population
 * stability index of the inputs' ink mass over five equal-mass bins of the reference (its test-set quintiles, every
 * second decile): sum over bins of (live - reference) x ln(live / reference), each share at least 0.001 so an empty
 * bin stays finite. Below 0.1 is usually read as no shift, above 0.25 as a large one. Five bins rather than ten: the
 * index's sampling noise is about (bins - 1) / window, so 200 inputs drawn from the reference itself scored 0.049 at the
 * median and 0.099 at the 95th percentile over ten bins, too close to 0.1 (TrustChecksTests). Not thread-safe: its
 * caller serialises.
 */
public final class DriftWindow {

	static final double FLOOR = 0.001;

	private final ReferenceProfile reference;

	private final double[] ink;

	private final float[] confidence;

	private final int[] digit;

	private int next, count;

	public DriftWindow(ReferenceProfile reference, int size) {
		this.reference = reference;
		this.ink = new double[size];
		this.confidence = new float[size];
		this.digit = new int[size];
	}

	public void add(double inkMass, float answerConfidence, int answer) {
		ink[next] = inkMass;
		confidence[next] = answerConfidence;
		digit[next] = answer;
		next = (next + 1) % ink.length;
		count = Math.min(ink.length, count + 1);
	}

	public int count() {
		return count;
	}

	/** The population stability index of the window's ink mass against the reference; NaN while empty. */
	public double inputDriftScore() {
		if (count == 0) {
			return Double.NaN;
		}
		List<Double> deciles = reference.inkMassDeciles();
		List<Double> edges = List.of(deciles.get(1), deciles.get(3), deciles.get(5), deciles.get(7));
		double[] live = new double[edges.size() + 1];
		for (int i = 0; i < count; i++) {
			int bin = 0;
			while (bin < edges.size() && ink[i] >= edges.get(bin)) {
				bin++;
			}
			live[bin]++;
		}
		double psi = 0, expected = 1.0 / live.length;
		for (double inBin : live) {
			double share = Math.max(FLOOR, inBin / count);
			psi += (share - expected) * Math.log(share / expected);
		}
		return psi;
	}

	/** The window's share of answers for each digit. */
	public double[] classShares() {
		double[] shares = new double[10];
		for (int i = 0; i < count; i++) {
			shares[digit[i]] += 1.0 / count;
		}
		return shares;
	}

	/** The window's share of answers in each tenth of confidence, 0-0.1 to 0.9-1, as the reference counts them. */
	public double[] confidenceShares() {
		double[] shares = new double[10];
		for (int i = 0; i < count; i++) {
			shares[Math.min(9, (int) (confidence[i] * 10))] += 1.0 / count;
		}
		return shares;
	}

	/** The window's mean confidence; NaN while empty. */
	public double meanConfidence() {
		double sum = 0;
		for (int i = 0; i < count; i++) {
			sum += confidence[i];
		}
		return count == 0 ? Double.NaN : sum / count;
	}

}
