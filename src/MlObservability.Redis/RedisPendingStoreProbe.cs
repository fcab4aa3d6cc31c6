namespace MlObservability.Redis;

/// <summary>The result of <see cref="RedisPendingStore.ProbeAsync"/>: whether Redis answered, how fast, and the backlog.</summary>
/// <param name="IsReachable">Whether a PING was answered.</param>
/// <param name="Latency">The round trip of the PING (zero when unreachable).</param>
/// <param name="Error">Why it was not reachable (the exception type and message; never the connection string), or <see langword="null"/>.</param>
/// <param name="QueueLength">Predictions waiting in process to be written.</param>
public sealed record RedisPendingStoreProbe(bool IsReachable, TimeSpan Latency, string? Error, int QueueLength);
