namespace MlObservability.OpenTelemetry.Hosting;

/// <summary>A per-model component factory registered in the container; the registry runs it once per configured model.</summary>
internal sealed class ModelComponentRegistration(Func<MonitoredModelContext, object?> factory, string description)
{
    public Func<MonitoredModelContext, object?> Factory { get; } = factory;

    public string Description { get; } = description;
}
