package org.thunderproject.ec2.internal.ec2;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How slaves are requested: in four RunInstances calls (more above 1000 slaves) of at most 250
 * (all or nothing each),
 * a fixed plan that depends only on the number of slaves, so a resume recognizes each batch by its
 * {@code thunder:batch} tag and repeats the exact call (same ClientToken) for batches it cannot see.
 */
public final class SlaveBatches {
    /**
     * Largest batch. Large calls fail as a whole on capacity, but EC2 throttles RunInstances per
     * call (a burst of 5, then 2 a second): four batches and the master fit in one burst up to 1000
     * slaves, where batches of 50 would queue 21 calls over 8 seconds.
     */
    static final int MAX_BATCH = 250;
    /** Smallest number of batches worth the parallelism. */
    static final int TARGET_BATCHES = 4;

    private SlaveBatches() {}

    /**
     * One batch of the plan.
     *
     * @param index its position, written as the {@code thunder:batch} tag
     * @param size how many slaves it holds
     */
    public record Batch(int index, int size) {}

    /**
     * One call to make.
     *
     * @param batch the batch it completes
     * @param count how many slaves to request
     * @param tokenParts what makes the call unique, for its ClientToken
     */
    public record Unit(Batch batch, int count, List<Object> tokenParts) {}

    /** The batches for {@code slaves} slaves. */
    public static List<Batch> plan(int slaves) {
        int size = Math.max(1, Math.min(MAX_BATCH, (slaves + TARGET_BATCHES - 1) / TARGET_BATCHES));
        List<Batch> batches = new ArrayList<>();
        for (int start = 0, index = 0; start < slaves; start += size, index++) {
            batches.add(new Batch(index, Math.min(size, slaves - start)));
        }
        return batches;
    }

    /**
     * The calls that bring the cluster to {@code slaves} slaves.
     *
     * @param slaves the slaves the spec asks for
     * @param presentTotal slaves present now, whatever their batch
     * @param presentByBatch present slaves per {@code thunder:batch} tag value
     * @param goneByBatch shutting-down or terminated slaves per batch tag value (so a replacement gets a new token)
     */
    public static List<Unit> missing(
            int slaves, int presentTotal, Map<String, Integer> presentByBatch, Map<String, Integer> goneByBatch) {
        int remaining = slaves - presentTotal;
        List<Unit> units = new ArrayList<>();
        for (Batch batch : plan(slaves)) {
            if (remaining <= 0) {
                break;
            }
            String key = Integer.toString(batch.index());
            int present = presentByBatch.getOrDefault(key, 0);
            int deficit = batch.size() - present;
            if (deficit <= 0) {
                continue;
            }
            int count = Math.min(deficit, remaining);
            int gone = goneByBatch.getOrDefault(key, 0);
            units.add(new Unit(batch, count, List.of("slave", batch.index(), batch.size(), present, gone, count)));
            remaining -= count;
        }
        return units;
    }
}
