namespace MlObservability.Hosting.Configuration;

/// <summary>
/// Quality settings shared by every model of the process (<c>MlMonitoring:Quality</c>): where sampled predictions wait
/// for their late labels. Per-model quality settings are under <c>MlMonitoring:Models:N:Quality</c>.
/// </summary>
public sealed class QualityOptions
{
    /// <summary>The in-process pending store (the default): a label joins only on the replica that served the request.</summary>
    public const string InProcessStore = "InProcess";

    /// <summary>The shared Redis pending store of the <c>MlObservability.Redis</c> package (register it with
    /// <c>AddMlMonitoring(...).AddRedisPendingStore()</c>): a label joins on any replica.</summary>
    public const string RedisStore = "Redis";

    /// <summary>
    /// Where sampled predictions wait for their labels: <c>InProcess</c> (default) or <c>Redis</c>, or the name of any
    /// <see cref="MlObservability.Quality.IPendingPredictionStoreFactory"/> registered as a keyed service under that name.
    /// A model may override it with <see cref="ModelQualityOptions.PendingStore"/>. Checked at startup.
    /// </summary>
    public string PendingStore { get; set; } = InProcessStore;

    /// <summary>The Redis pending store's connection and bounds (<c>MlMonitoring:Quality:Redis</c>), used when a model's
    /// pending store is <c>Redis</c>.</summary>
    public RedisStoreOptions Redis { get; set; } = new();

    /// <summary>The pending store a model uses: its own <see cref="ModelQualityOptions.PendingStore"/>, else
    /// <see cref="PendingStore"/>; the built-in names in their canonical spelling whatever the case given.</summary>
    /// <param name="model">The model's quality settings.</param>
    /// <returns>The store name.</returns>
    public string PendingStoreOf(ModelQualityOptions model)
    {
        ArgumentNullException.ThrowIfNull(model);
        string name = (model.PendingStore ?? PendingStore)?.Trim() ?? string.Empty;
        return string.Equals(name, InProcessStore, StringComparison.OrdinalIgnoreCase) ? InProcessStore
            : string.Equals(name, RedisStore, StringComparison.OrdinalIgnoreCase) ? RedisStore
            : name;
    }
}
