using MlObservability.Drift.Streaming;
using MlObservability.Hosting.Configuration;

namespace MlObservability.Hosting.Detectors;

/// <summary>
/// The streaming change detectors of a model (<c>Streaming</c> settings): Page-Hinkley or CUSUM on confidence and on
/// latency, fed from the model's outputs and inferences, and ADWIN on the error indicator, fed by the quality monitor as
/// labels join (created before it, which finds it with <see cref="ErrorStreamOf"/>).
/// </summary>
internal static class StreamDetectors
{
    /// <summary>The tag value of the confidence stream.</summary>
    public const string ConfidenceStream = "confidence";

    /// <summary>The tag value of the latency stream.</summary>
    public const string LatencyStream = "latency";

    /// <summary>The tag value of the error-indicator stream.</summary>
    public const string ErrorStream = "error";

    public static object? CreateLabelFree(ModelMonitorContext context)
    {
        var settings = context.Options.Streaming;
        var components = new List<object>();
        if (settings.Confidence.Enabled)
        {
            components.Add(new ConfidenceStreamFeed(Monitor(context, ConfidenceStream, settings.Confidence.CreateDetector())));
        }

        if (settings.Latency.Enabled)
        {
            components.Add(new LatencyStreamFeed(Monitor(context, LatencyStream, settings.Latency.CreateDetector())));
        }

        return components.Count == 0 ? null : new ModelComponents(components);
    }

    public static object? CreateErrorStream(ModelMonitorContext context)
    {
        var settings = context.Options.Streaming;
        return settings.Errors.Enabled && context.Options.Quality.Enabled
            ? Monitor(context, ErrorStream, new AdwinDetector(settings.Errors.ToDetectorOptions()))
            : null;
    }

    /// <summary>The model's error-indicator stream, when one was created.</summary>
    public static StreamingDriftMonitor? ErrorStreamOf(ModelMonitor model) =>
        model.Components.OfType<StreamingDriftMonitor>().FirstOrDefault(m => m.Stream == ErrorStream);

    private static StreamingDriftMonitor Monitor(ModelMonitorContext context, string stream, IChangeDetector detector) =>
        new(context.Options.Name, context.Options.Version, stream, detector,
            new StreamingDriftMonitorOptions { QueueCapacity = context.Options.Streaming.QueueCapacity, ChangeSeverity = context.Options.Streaming.ChangeSeverity },
            context.Model);
}
