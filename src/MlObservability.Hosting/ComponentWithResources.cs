namespace MlObservability.Hosting;

/// <summary>
/// A component factory's result that owns a resource besides the component (a review file): the registry adds
/// <see cref="Component"/> to the model and disposes both with it, the component first.
/// </summary>
/// <param name="component">The component to wire.</param>
/// <param name="resource">Disposed after the component.</param>
internal sealed class ComponentWithResources(IDisposable component, IDisposable resource) : IDisposable
{
    public object Component => component;

    public void Dispose()
    {
        component.Dispose();
        resource.Dispose();
    }
}
