namespace MlObservability.Hosting.Configuration;

/// <summary>Settings of one monitored model.</summary>
public sealed class ModelMonitorOptions
{
    /// <summary>The model name (tag <c>ml.model.name</c>); required and unique.</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary>The model version (tag <c>ml.model.version</c>); empty when unknown.</summary>
    public string Version { get; set; } = string.Empty;

    /// <summary>The serving endpoint or operation (tag <c>ml.endpoint</c>); empty when unknown.</summary>
    public string Endpoint { get; set; } = string.Empty;

    /// <summary>Window of the in-process latency quantiles (<c>ml.inference.duration.quantile</c>). Default 5 minutes.</summary>
    public TimeSpan LatencyWindow { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Path of the drift reference profile (JSON, built from training data) this model is compared with; <see langword="null"/>
    /// when the model has no drift monitoring. Checked at startup: the file must exist.
    /// </summary>
    public string? DriftReferencePath { get; set; }

    /// <summary>
    /// The full paths a relative <see cref="DriftReferencePath"/> was looked for at (the host's content root, then the
    /// working directory) when neither holds it; named by the startup error. Not a setting.
    /// </summary>
    internal IReadOnlyList<string>? DriftReferencePathsTried { get; set; }

    /// <summary>Drift windows and binning, used when <see cref="DriftReferencePath"/> is set.</summary>
    public ModelDriftOptions Drift { get; set; } = new();

    /// <summary>Streaming change detectors on confidence, latency and the error indicator (off by default).</summary>
    public ModelStreamingOptions Streaming { get; set; } = new();

    /// <summary>Output tracking, ground-truth sampling and quality metrics.</summary>
    public ModelQualityOptions Quality { get; set; } = new();

    /// <summary>Service-level objectives, error budgets and burn rates.</summary>
    public ModelSloOptions Slo { get; set; } = new();

    /// <summary>The model's standard alert rules.</summary>
    public ModelAlertsOptions Alerts { get; set; } = new();

    /// <summary>Registry facts of this model version (training time, data snapshot, git sha): exported as
    /// <c>ml.model.info</c>, <c>ml.model.age</c> and <c>ml.model.time_since_load</c>, and checked by <c>MlModelStale</c>.</summary>
    public ModelLineageOptions Lineage { get; set; } = new();

    /// <summary>Business outcomes (user ratings, conversions, revenue) recorded with <c>RecordOutcome</c>.</summary>
    public ModelOutcomeOptions Outcomes { get; set; } = new();

    /// <summary>Guard rails of this model's <see cref="MlObservability.Routing.ModelRouter{TModel}"/> (section <c>Router</c>):
    /// rollback alerts, cool-down, dry-run, auto-promotion; validated at startup. <see langword="null"/> when absent.</summary>
    public MlObservability.Routing.ModelRouterOptions? Router { get; set; }

    /// <summary>Settings of this model's <see cref="MlObservability.Challengers.ChallengerShadow{TInput}"/> (section
    /// <c>Shadow</c>): share, sampling, queue and pair capacities, significance; validated at startup. <see langword="null"/> when absent.</summary>
    public MlObservability.Challengers.ShadowOptions? Shadow { get; set; }
}
