using MlObservability.Hosting.Configuration;

namespace MlObservability.Hosting;

/// <summary>What a per-model component factory receives (see <c>IMlMonitoringBuilder.AddModelComponent</c>).</summary>
public sealed class ModelMonitorContext
{
    internal ModelMonitorContext(ModelMonitor model, ModelMonitorOptions options, IServiceProvider services, TimeProvider timeProvider)
    {
        Model = model;
        Options = options;
        Services = services;
        TimeProvider = timeProvider;
    }

    /// <summary>The model the component is created for: its <c>InferenceMetrics</c> and its event fan-out (pass it as
    /// the component's <see cref="IMonitoringEventSink"/>).</summary>
    public ModelMonitor Model { get; }

    /// <summary>The model's settings.</summary>
    public ModelMonitorOptions Options { get; }

    /// <summary>The application's services.</summary>
    public IServiceProvider Services { get; }

    /// <summary>The host's clock.</summary>
    public TimeProvider TimeProvider { get; }
}
