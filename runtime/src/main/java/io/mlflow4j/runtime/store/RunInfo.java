package io.mlflow4j.runtime.store;

/**
 * What a tracking store knows about a run.
 *
 * @param runId 32 lowercase hex digits
 * @param experimentId the experiment's id
 * @param runName the run's name
 * @param userId who started it
 * @param status the current status
 * @param startTime start, in epoch milliseconds
 * @param endTime end, in epoch milliseconds, or {@code null} while running
 * @param artifactUri the root URI of the run's artifacts
 * @param lifecycleStage {@code active} or {@code deleted}
 */
public record RunInfo(
        String runId,
        String experimentId,
        String runName,
        String userId,
        RunStatus status,
        long startTime,
        Long endTime,
        String artifactUri,
        String lifecycleStage) {}
