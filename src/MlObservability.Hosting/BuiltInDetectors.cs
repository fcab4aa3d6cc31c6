using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MlObservability.Drift;
using MlObservability.Hosting.Configuration;
using MlObservability.Hosting.Detectors;
using MlObservability.Lineage;
using MlObservability.Outcomes;
using MlObservability.Quality;
using MlObservability.Slo;

namespace MlObservability.Hosting;

/// <summary>
/// The per-model detectors every configured model gets from its settings: a <see cref="DriftMonitor"/> when a reference
/// profile is configured (with the reconstruction, embedding and model-score detectors its profile and settings call
/// for), the streaming change detectors that are enabled, a <see cref="QualityMonitor"/> and an <see cref="SloTracker"/>
/// unless disabled. Their findings go
/// to the model's event fan-out (health checks, the alert engine); the SLO tracker observes the model's inferences.
/// </summary>
internal static class BuiltInDetectors
{
    public static void Register(IServiceCollection services)
    {
        services.AddSingleton(new ModelComponentRegistration(CreateDriftMonitor, nameof(DriftMonitor)));
        services.AddSingleton(new ModelComponentRegistration(ProfileDetectors.CreateReconstruction, "the reconstruction drift detector"));
        services.AddSingleton(new ModelComponentRegistration(ProfileDetectors.CreateEmbeddings, "the embedding drift detectors"));
        services.AddSingleton(new ModelComponentRegistration(ProfileDetectors.CreateModelScore, "the model drift score"));
        services.AddSingleton(new ModelComponentRegistration(StreamDetectors.CreateLabelFree, "the confidence and latency change detectors"));
        services.AddSingleton(new ModelComponentRegistration(StreamDetectors.CreateErrorStream, "the error-stream change detector"));
        services.AddSingleton(new ModelComponentRegistration(CreateQualityMonitor, nameof(QualityMonitor)));
        services.AddSingleton(new ModelComponentRegistration(CreateSloTracker, nameof(SloTracker)));
        services.AddSingleton(new ModelComponentRegistration(CreateLineageTracker, nameof(ModelLineageTracker)));
        services.AddSingleton(new ModelComponentRegistration(CreateOutcomeTracker, nameof(OutcomeTracker)));
    }

    /// <summary>The outcome tracker when <c>Outcomes:Names</c> lists names (or <c>Outcomes:Enabled</c>), feeding the
    /// model's outcome SLOs (the SLO tracker is registered before it).</summary>
    private static object? CreateOutcomeTracker(ModelMonitorContext context)
    {
        var options = context.Options;
        return options.Outcomes.IsOn
            ? new OutcomeTracker(options.Name, options.Version, options.Outcomes.ToTrackerOptions(options, context.TimeProvider), context.Model.Slo)
            : null;
    }

    private static object? CreateLineageTracker(ModelMonitorContext context)
    {
        var options = context.Options;
        return options.Lineage.IsSet ? new ModelLineageTracker(options.Name, options.Version, options.Lineage.ToLineage(), context.TimeProvider) : null;
    }

    private static object? CreateDriftMonitor(ModelMonitorContext context)
    {
        var options = context.Options;
        if (string.IsNullOrEmpty(options.DriftReferencePath))
        {
            return null;
        }

        var profile = ReferenceProfile.Load(options.DriftReferencePath);
        var driftOptions = options.Drift.ToMonitorOptions();
        if (options.Quality.ClassLabels.Count > 0)
        {
            driftOptions.ClassLabels = [.. options.Quality.ClassLabels]; // predictions by label get predicted-class drift
        }

        return new DriftMonitor(options.Name, options.Version, profile, driftOptions, context.Model, context.TimeProvider);
    }

    private static object? CreateQualityMonitor(ModelMonitorContext context)
    {
        var options = context.Options;
        if (!options.Quality.Enabled)
        {
            return null;
        }

        var pendingStore = PendingStoreOf(context);
        var reviewSink = options.Quality.ReviewFile is { Length: > 0 } file ? new JsonLinesReviewSink(file) : null;
        var monitorOptions = options.Quality.ToMonitorOptions(context.TimeProvider, pendingStore) with { ErrorStream = StreamDetectors.ErrorStreamOf(context.Model) };
        var monitor = new QualityMonitor(options.Name, options.Version, monitorOptions, context.Model, reviewSink);
        return reviewSink is null ? monitor : new ComponentWithResources(monitor, reviewSink);
    }

    /// <summary>The factory of the model's pending store; <see langword="null"/> for the in-process one (the monitor's default).</summary>
    private static IPendingPredictionStoreFactory? PendingStoreOf(ModelMonitorContext context)
    {
        var shared = context.Services.GetRequiredService<IOptions<MlMonitoringOptions>>().Value.Quality;
        string name = shared.PendingStoreOf(context.Options.Quality);
        if (name == QualityOptions.InProcessStore)
        {
            return null;
        }

        // Checked at startup by PendingStoreValidator; this only fails when the container changed since.
        return context.Services.GetKeyedService<IPendingPredictionStoreFactory>(name)
            ?? throw new InvalidOperationException(PendingStoreValidator.NotRegistered(name));
    }

    private static object? CreateSloTracker(ModelMonitorContext context)
    {
        var options = context.Options;
        var objectives = options.Slo.ToObjectives();
        if (!options.Slo.Enabled || objectives.Count == 0)
        {
            return null;
        }

        return new SloTracker(options.Name, objectives, options.Version, options.Slo.ToTrackerOptions(context.TimeProvider), context.Model);
    }
}
