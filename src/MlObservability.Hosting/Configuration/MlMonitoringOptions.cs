namespace MlObservability.Hosting.Configuration;

/// <summary>
/// Settings of <c>services.AddMlMonitoring(...)</c>: the monitored models, the evaluation schedule, the Prometheus
/// endpoint, prediction logging and health mapping. Bind it from the <c>MlMonitoring</c> configuration
/// section or set it in code; it is validated when the host starts, with messages that say what to fix.
/// </summary>
public sealed class MlMonitoringOptions
{
    /// <summary>The configuration section read by <c>AddMlMonitoring(IConfiguration)</c> overloads by convention.</summary>
    public const string SectionName = "MlMonitoring";

    /// <summary>The models to monitor, one entry per model name.</summary>
    public IList<ModelMonitorOptions> Models { get; } = new List<ModelMonitorOptions>();

    /// <summary>How often the background evaluation (drift tests, quality metrics, SLO burn, alert rules) runs. Default 30 seconds.</summary>
    public TimeSpan EvaluationInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Whether process and runtime metrics (CPU, memory, GC, thread pool) are published. Default <see langword="true"/>.</summary>
    public bool ResourceMetrics { get; set; } = true;

    /// <summary>The Prometheus scrape endpoint used by <c>AddMlMonitoringPrometheusEndpoint()</c>.</summary>
    public PrometheusEndpointOptions Prometheus { get; set; } = new();

    /// <summary>Push export over OTLP used by <c>AddMlMonitoringOtlpExporter()</c>; off until an endpoint is set.</summary>
    public OtlpExportOptions Otlp { get; set; } = new();

    /// <summary>Structured prediction logging through <c>ILogger</c>.</summary>
    public PredictionLoggingOptions PredictionLogging { get; set; } = new();

    /// <summary>Quality settings shared by every model: where sampled predictions wait for their labels.</summary>
    public QualityOptions Quality { get; set; } = new();

    /// <summary>The alert engine and its notifiers.</summary>
    public AlertsOptions Alerts { get; set; } = new();

    /// <summary>How monitoring findings map to health-check results.</summary>
    public MonitoringHealthOptions Health { get; set; } = new();

    /// <summary>
    /// Adds a model, or updates the model of that name if it is already configured (so calling this twice is harmless).
    /// </summary>
    /// <param name="name">The model name (tag <c>ml.model.name</c>).</param>
    /// <param name="version">The model version (tag <c>ml.model.version</c>); empty when unknown.</param>
    /// <param name="configure">Further per-model settings; may be <see langword="null"/>.</param>
    /// <returns>These options, for chaining.</returns>
    public MlMonitoringOptions AddModel(string name, string? version = null, Action<ModelMonitorOptions>? configure = null)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new ArgumentException("A monitored model needs a non-empty name (tag ml.model.name).", nameof(name));
        }

        var model = Models.FirstOrDefault(m => string.Equals(m.Name, name, StringComparison.Ordinal));
        if (model is null)
        {
            model = new ModelMonitorOptions { Name = name };
            Models.Add(model);
        }

        if (version is not null)
        {
            model.Version = version;
        }

        configure?.Invoke(model);
        return this;
    }
}
