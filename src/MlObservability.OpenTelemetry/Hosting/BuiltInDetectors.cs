using Microsoft.Extensions.DependencyInjection;
using MlObservability.Drift;
using MlObservability.Quality;
using MlObservability.Slo;

namespace MlObservability.OpenTelemetry.Hosting;

/// <summary>
/// The per-model detectors every configured model gets from its settings: a <see cref="DriftMonitor"/> when a reference
/// profile is configured, a <see cref="QualityMonitor"/> and an <see cref="SloTracker"/> unless disabled. Their findings go
/// to the model's event fan-out (health checks, the alert engine).
/// </summary>
internal static class BuiltInDetectors
{
    public static void Register(IServiceCollection services)
    {
        services.AddSingleton(new ModelComponentRegistration(CreateDriftMonitor, nameof(DriftMonitor)));
        services.AddSingleton(new ModelComponentRegistration(CreateQualityMonitor, nameof(QualityMonitor)));
        services.AddSingleton(new ModelComponentRegistration(CreateSloTracker, nameof(SloTracker)));
    }

    private static object? CreateDriftMonitor(MonitoredModelContext context)
    {
        var options = context.Model.Options;
        if (string.IsNullOrEmpty(options.DriftReferencePath))
        {
            return null;
        }

        var profile = ReferenceProfile.Load(options.DriftReferencePath);
        return new DriftMonitor(options.Name, options.Version, profile, options.Drift.ToMonitorOptions(), context.Model, context.TimeProvider);
    }

    private static object? CreateQualityMonitor(MonitoredModelContext context)
    {
        var options = context.Model.Options;
        if (!options.Quality.Enabled)
        {
            return null;
        }

        var reviewSink = options.Quality.ReviewFile is { Length: > 0 } file ? new JsonLinesReviewSink(file) : null;
        var monitor = new QualityMonitor(options.Name, options.Version, options.Quality.ToMonitorOptions(context.TimeProvider), context.Model, reviewSink);
        return reviewSink is null ? monitor : new QualityWithReviewFile(monitor, reviewSink);
    }

    private static object? CreateSloTracker(MonitoredModelContext context)
    {
        var options = context.Model.Options;
        var objectives = options.Slo.ToObjectives();
        if (!options.Slo.Enabled || objectives.Count == 0)
        {
            return null;
        }

        var tracker = new SloTracker(options.Name, objectives, options.Version, options.Slo.ToTrackerOptions(context.TimeProvider), context.Model);
        var subscription = context.Model.Inference.Subscribe(tracker);
        return new SubscribedSloTracker(tracker, subscription);
    }

    /// <summary>Keeps a review file alive as long as the quality monitor that writes to it.</summary>
    private sealed class QualityWithReviewFile(QualityMonitor monitor, JsonLinesReviewSink reviewSink) : IComponentWrapper, IDisposable
    {
        public object Inner => monitor;

        public void Dispose()
        {
            monitor.Dispose();
            reviewSink.Dispose();
        }
    }

    /// <summary>Unsubscribes the tracker from the model's inferences when it is disposed.</summary>
    private sealed class SubscribedSloTracker(SloTracker tracker, IDisposable subscription) : IComponentWrapper, IDisposable
    {
        public object Inner => tracker;

        public void Dispose()
        {
            subscription.Dispose();
            tracker.Dispose();
        }
    }
}
