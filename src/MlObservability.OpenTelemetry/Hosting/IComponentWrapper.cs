namespace MlObservability.OpenTelemetry.Hosting;

/// <summary>
/// A component factory's result that owns extra resources: the model wires and exposes <see cref="Inner"/> and disposes
/// the wrapper.
/// </summary>
internal interface IComponentWrapper
{
    /// <summary>The component to wire by its contracts.</summary>
    object Inner { get; }
}
