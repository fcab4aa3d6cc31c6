namespace MlObservability.Hosting;

/// <summary>A per-model component factory registered in the container; the registry runs it once per configured model.</summary>
internal sealed class ModelComponentRegistration(Func<ModelMonitorContext, object?> factory, string description)
{
    public Func<ModelMonitorContext, object?> Factory { get; } = factory;

    public string Description { get; } = description;
}
