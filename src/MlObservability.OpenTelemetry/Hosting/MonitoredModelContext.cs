namespace MlObservability.OpenTelemetry.Hosting;

/// <summary>What a per-model component factory receives (see <c>IMlMonitoringBuilder.AddModelComponent</c>).</summary>
public sealed class MonitoredModelContext
{
    internal MonitoredModelContext(MonitoredModel model, IServiceProvider services, TimeProvider timeProvider)
    {
        Model = model;
        Services = services;
        TimeProvider = timeProvider;
    }

    /// <summary>The model the component is created for: its settings, its <c>InferenceMetrics</c> (subscribe
    /// <c>IInferenceObserver</c>s there) and its event fan-out (pass it as the component's <see cref="IMonitoringEventSink"/>).</summary>
    public MonitoredModel Model { get; }

    /// <summary>The application's services.</summary>
    public IServiceProvider Services { get; }

    /// <summary>The host's clock.</summary>
    public TimeProvider TimeProvider { get; }
}
