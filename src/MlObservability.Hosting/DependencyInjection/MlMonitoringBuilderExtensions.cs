using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.DependencyInjection.Extensions;
using MlObservability;
using MlObservability.Hosting.Configuration;
using MlObservability.Hosting;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Extension points of <see cref="IMlMonitoringBuilder"/>.</summary>
public static class MlMonitoringBuilderExtensions
{
    /// <summary>Adds (or updates) a monitored model.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="name">The model name.</param>
    /// <param name="version">The model version.</param>
    /// <param name="configure">Further per-model settings.</param>
    /// <returns>The builder.</returns>
    public static IMlMonitoringBuilder AddModel(this IMlMonitoringBuilder builder, string name, string? version = null, Action<ModelMonitorOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.Configure<MlMonitoringOptions>(o => o.AddModel(name, version, configure));
        return builder;
    }

    /// <summary>Adds an application-wide evaluator, run on every evaluation pass (added once per type).</summary>
    /// <typeparam name="T">The evaluator type, created by the container.</typeparam>
    /// <param name="builder">The builder.</param>
    /// <returns>The builder.</returns>
    public static IMlMonitoringBuilder AddEvaluator<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] T>(this IMlMonitoringBuilder builder)
        where T : class, IMonitoringEvaluator
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IMonitoringEvaluator, T>());
        return builder;
    }

    /// <summary>Adds an application-wide event sink that receives every model's findings (added once per type).</summary>
    /// <typeparam name="T">The sink type, created by the container.</typeparam>
    /// <param name="builder">The builder.</param>
    /// <returns>The builder.</returns>
    public static IMlMonitoringBuilder AddEventSink<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] T>(this IMlMonitoringBuilder builder)
        where T : class, IMonitoringEventSink
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IMonitoringEventSink, T>());
        return builder;
    }

    /// <summary>
    /// Adds a per-model component, created once for each configured model when the registry starts. The component is
    /// wired by the contracts it implements: <see cref="IModelInputSink"/> receives the model's features,
    /// <see cref="IModelOutputSink"/> its outputs, <see cref="IMonitoringEventSink"/> the model's findings,
    /// <see cref="IMonitoringEvaluator"/> runs on the schedule, <see cref="IDisposable"/> is disposed with the host.
    /// A component that implements <see cref="MlObservability.Inference.IInferenceObserver"/> observes every inference of the model.
    /// </summary>
    /// <typeparam name="T">The component type.</typeparam>
    /// <param name="builder">The builder.</param>
    /// <param name="factory">Creates the component for one model; return <see langword="null"/> to skip a model
    /// (for example one without <see cref="ModelMonitorOptions.DriftReferencePath"/>).</param>
    /// <returns>The builder.</returns>
    public static IMlMonitoringBuilder AddModelComponent<T>(this IMlMonitoringBuilder builder, Func<ModelMonitorContext, T?> factory)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(factory);
        builder.Services.AddSingleton(new ModelComponentRegistration(ctx => factory(ctx), typeof(T).Name));
        return builder;
    }
}
