namespace MlObservability.Hosting.Detectors;

/// <summary>A component factory's result that is several components (one embedding detector per vector input): the
/// registry adds each, in order.</summary>
/// <param name="components">The components.</param>
internal sealed class ModelComponents(IReadOnlyList<object> components)
{
    public IReadOnlyList<object> Components => components;
}
