namespace MlObservability.Quality;

/// <summary>
/// Where sampled predictions wait for their late labels. The default, <see cref="PendingPredictionStore"/>, keeps them in
/// this process; a shared store (the <c>MlObservability.Redis</c> package) lets a label join on any replica.
/// </summary>
/// <remarks>
/// <see cref="TryAdd"/> runs on the inference thread for sampled predictions only: it must never block on I/O and never
/// throw. The join methods run on the thread that reports labels and may wait on a network round trip. None may throw
/// for a store that is unreachable: they fall back, count, and return an outcome.
/// </remarks>
public interface IPendingPredictionStore
{
    /// <summary>How long a prediction waits for its label.</summary>
    TimeSpan TimeToLive { get; }

    /// <summary>Predictions held in this process now (for a shared store: its local fallback).</summary>
    int Count { get; }

    /// <summary>Estimated bytes held in this process now.</summary>
    long Bytes { get; }

    /// <summary>Predictions held in this process that expired before their label came.</summary>
    long ExpiredCount { get; }

    /// <summary>Predictions held in this process evicted because it held its most entries.</summary>
    long EvictedCount { get; }

    /// <summary>Predictions held in this process evicted because it held its most bytes.</summary>
    long EvictedForBytesCount { get; }

    /// <summary>Keeps a sampled prediction until its label comes. Never blocks on I/O, never throws.</summary>
    /// <param name="prediction">The prediction.</param>
    /// <returns><see langword="false"/> when its request id is already known to be pending (the first one is kept).</returns>
    bool TryAdd(PendingPrediction prediction);

    /// <summary>Removes and returns the pending prediction of a request id, atomically: of two callers, one gets it.</summary>
    /// <param name="requestId">The request id.</param>
    /// <param name="now">The current time (expiry is judged against it).</param>
    /// <param name="prediction">The prediction when the outcome is <see cref="GroundTruthOutcome.Joined"/>.</param>
    /// <returns><see cref="GroundTruthOutcome.Joined"/>, <see cref="GroundTruthOutcome.UnknownId"/>,
    /// <see cref="GroundTruthOutcome.Expired"/> or <see cref="GroundTruthOutcome.Duplicate"/>.</returns>
    GroundTruthOutcome TryTake(string requestId, DateTimeOffset now, out PendingPrediction? prediction);

    /// <summary>Removes and returns the pending predictions of many request ids (a shared store pipelines the round trips).</summary>
    /// <param name="requestIds">The request ids.</param>
    /// <param name="now">The current time.</param>
    /// <param name="outcomes">Receives the outcome of each id (same length as <paramref name="requestIds"/>).</param>
    /// <param name="predictions">Receives the prediction of each joined id (same length).</param>
    /// <param name="cancellationToken">Cancels the wait; ids not yet looked up are left <see cref="GroundTruthOutcome.UnknownId"/>.</param>
    /// <returns>A task that completes when every id is looked up.</returns>
    ValueTask TakeManyAsync(IReadOnlyList<string> requestIds, DateTimeOffset now, GroundTruthOutcome[] outcomes, PendingPrediction?[] predictions, CancellationToken cancellationToken);

    /// <summary>Drops the predictions held in this process whose time-to-live has passed (a shared store's keys expire by themselves).</summary>
    /// <param name="now">The current time.</param>
    /// <returns>How many were dropped.</returns>
    int Sweep(DateTimeOffset now);
}
