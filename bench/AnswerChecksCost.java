import java.util.List;
import java.util.Random;

import io.digits.inference.trust.DriftWindow;
import io.digits.inference.trust.PredictionFlags;
import io.digits.model.InputFeatures;
import io.digits.model.ReferenceProfile;

/**
 * What the checks added to every answer cost (issue 17): the flags (ink, box, distance to the nearest class mean) and
 * the drift window's bookkeeping, on one digit-like input, in microseconds per answer. Run with bench/lib.sh's
 * java_bench AnswerChecksCost.java (no arguments, no service).
 */
public class AnswerChecksCost {
  public static void main(String[] a) {
    Random r = new Random(1);
    float[][] means = new float[10][784];
    for (float[] m : means) for (int p = 0; p < 784; p++) m[p] = r.nextFloat() * 0.3f;
    ReferenceProfile profile = new ReferenceProfile(new ReferenceProfile.Range(26, 238), new ReferenceProfile.Range(3, 20),
        new ReferenceProfile.Range(11, 20), 9.7, List.of(61.8, 74.5, 84.3, 93.1, 101.4, 109.8, 119.1, 131.7, 148.5), List.of(), List.of());
    float[] img = new float[784]; for (int p = 200; p < 400; p++) img[p] = 0.9f;
    float[] probs = new float[10]; probs[7] = 0.99f;
    DriftWindow w = new DriftWindow(profile, 200);
    PredictionFlags.Thresholds t = new PredictionFlags.Thresholds(0.6, 0.2);
    long sink = 0;
    for (int round = 0; round < 5; round++) {
      long start = System.nanoTime();
      for (int i = 0; i < 200_000; i++) {
        sink += PredictionFlags.of(img, probs, profile, means, t).size();
        w.add(InputFeatures.inkMass(img), 0.99f, 7);
      }
      System.out.printf("%.2f us per answer%n", (System.nanoTime() - start) / 200_000 / 1e3);
    }
    System.out.println(sink);
  }
}
