package org.thunderproject.ec2.ssh;

import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/** The per-host results of a batch, in the order the targets were given. */
public final class BatchResult<T> implements Iterable<HostResult<T>> {
    private final List<HostResult<T>> results;
    private final Duration elapsed;

    private BatchResult(List<HostResult<T>> results, Duration elapsed) {
        this.results = List.copyOf(results);
        this.elapsed = Objects.requireNonNull(elapsed, "elapsed");
    }

    /** A batch result (for implementations and tests). */
    public static <T> BatchResult<T> of(List<HostResult<T>> results, Duration elapsed) {
        return new BatchResult<>(Objects.requireNonNull(results, "results"), elapsed);
    }

    /** Every host's result, in target order. */
    public List<HostResult<T>> results() {
        return results;
    }

    /** The hosts that succeeded. */
    public List<HostResult<T>> successes() {
        return results.stream().filter(HostResult::isSuccess).collect(Collectors.toUnmodifiableList());
    }

    /** The hosts that failed. */
    public List<HostResult<T>> failures() {
        return results.stream().filter(r -> !r.isSuccess()).collect(Collectors.toUnmodifiableList());
    }

    /** Whether every host succeeded. */
    public boolean allSucceeded() {
        return results.stream().allMatch(HostResult::isSuccess);
    }

    /** The successful values in target order (hosts without a value are skipped). */
    public List<T> values() {
        return results.stream()
                .filter(HostResult::isSuccess)
                .flatMap(r -> r.value().stream())
                .collect(Collectors.toUnmodifiableList());
    }

    /** Wall time of the whole batch. */
    public Duration elapsed() {
        return elapsed;
    }

    /**
     * This result if every host succeeded, else throws {@link SshBatchException} listing the failed
     * hosts and their errors.
     */
    public BatchResult<T> requireAllSucceeded() {
        List<HostResult<T>> failed = failures();
        if (failed.isEmpty()) {
            return this;
        }
        String list = failed.stream()
                .limit(20)
                .map(r -> "  " + r.target() + ": "
                        + r.error().map(Throwable::getMessage).orElse(""))
                .collect(Collectors.joining("\n"));
        throw new SshBatchException(
                failed.size() + " of " + results.size() + " hosts failed:\n" + list
                        + (failed.size() > 20 ? "\n  … and " + (failed.size() - 20) + " more" : ""),
                List.copyOf(failed));
    }

    @Override
    public Iterator<HostResult<T>> iterator() {
        return results.iterator();
    }

    @Override
    public String toString() {
        return "BatchResult[" + successes().size() + " ok, " + failures().size() + " failed, " + elapsed.toMillis()
                + " ms]";
    }
}
