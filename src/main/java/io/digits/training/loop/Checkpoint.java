package io.digits.training.loop;

/**
 * Where a checkpointed network stands.
 *
 * @param epochsDone epochs finished before the checkpoint
 * @param batchesIntoEpoch batches of the next epoch already trained (0 at an epoch's end; more when the service
 *     stopped in the middle of one)
 * @param iteration parameter updates done in all
 */
public record Checkpoint(int epochsDone, int batchesIntoEpoch, long iteration) {
}
