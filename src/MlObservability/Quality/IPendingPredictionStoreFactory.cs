namespace MlObservability.Quality;

/// <summary>Creates the pending-prediction store of each <see cref="QualityMonitor"/>; set it as
/// <see cref="QualityMonitorOptions.PendingStore"/>. The in-process <see cref="PendingPredictionStore"/> is used when none is set.</summary>
public interface IPendingPredictionStoreFactory
{
    /// <summary>Creates the store of one model's monitor. The monitor owns it and disposes it (when it is
    /// <see cref="IDisposable"/>) with itself.</summary>
    /// <param name="modelName">The model name.</param>
    /// <param name="modelVersion">The model version (empty when unknown).</param>
    /// <param name="options">The monitor's validated settings (time-to-live, capacity, bytes).</param>
    /// <returns>The store.</returns>
    IPendingPredictionStore Create(string modelName, string modelVersion, QualityMonitorOptions options);
}
