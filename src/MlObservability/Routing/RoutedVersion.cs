namespace MlObservability.Routing;

/// <summary>One model version a <see cref="ModelRouter{TModel}"/> can serve. Immutable: a request that read it keeps a
/// consistent version, model and activation time to the end.</summary>
/// <typeparam name="TModel">The model contract, for example an <c>[Instrumented]</c> interface.</typeparam>
public sealed class RoutedVersion<TModel>
    where TModel : class
{
    internal RoutedVersion(string version, TModel model, DateTimeOffset activatedAt)
    {
        Version = version;
        Model = model;
        ActivatedAt = activatedAt;
    }

    /// <summary>The version.</summary>
    public string Version { get; }

    /// <summary>The model.</summary>
    public TModel Model { get; }

    /// <summary>When this version became the active one (<see cref="DateTimeOffset.MinValue"/> while it never was).</summary>
    public DateTimeOffset ActivatedAt { get; }

    internal RoutedVersion<TModel> ActivatedAtTime(DateTimeOffset now) => new(Version, Model, now);
}
