using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MlObservability.Inference;
using MlObservability.Instrumentation;
using MlObservability.OpenTelemetry.Configuration;
using MlObservability.OpenTelemetry.Diagnostics;
using MlObservability.OpenTelemetry.Resources;

namespace MlObservability.OpenTelemetry.Hosting;

/// <summary>
/// The monitored models of the application, created from <see cref="MlMonitoringOptions.Models"/> when first resolved:
/// one <see cref="MonitoredModel"/> (with its <see cref="InferenceMetrics"/> and components) per configured model.
/// Inject it where inference happens and look the model up once, at construction.
/// </summary>
public sealed class ModelMonitorRegistry : IDisposable
{
    private readonly Dictionary<string, MonitoredModel> _byName = new(StringComparer.Ordinal);
    private readonly List<MonitoredModel> _models = [];
    private readonly IServiceProvider _services;
    private readonly List<IDisposable> _sinkRegistrations = [];
    private IReadOnlyList<IMonitoringEventSink>? _globalSinks;
    private int _disposed;

    internal ModelMonitorRegistry(
        IOptions<MlMonitoringOptions> options,
        IEnumerable<ModelComponentRegistration> components,
        IServiceProvider services,
        TimeProvider timeProvider)
    {
        _services = services;
        var settings = options.Value;
        if (settings.ResourceMetrics)
        {
            ResourceInstruments.EnsureCreated();
        }

        var registrations = components.ToArray();
        foreach (var modelOptions in settings.Models)
        {
            var model = new MonitoredModel(modelOptions, timeProvider, GetGlobalSinks);
            _byName.Add(model.Name, model);
            _models.Add(model);

            // [Instrumented] decorators and other adapters find the model's sinks by name.
            _sinkRegistrations.Add(ModelSinks.Register(model.Name, model, model));

            // Decorators naming the same model, version and endpoint record into this model's metrics (SLOs, alerts).
            _sinkRegistrations.Add(SharedInferenceMetrics.Publish(model.Inference));
            var context = new MonitoredModelContext(model, services, timeProvider);
            foreach (var registration in registrations)
            {
                object? component;
                try
                {
                    component = registration.Factory(context);
                }
                catch (Exception ex)
                {
                    Dispose();
                    throw new InvalidOperationException(
                        $"Creating {registration.Description} for model '{model.Name}' failed: {ex.Message} Fix the model's settings under {MlMonitoringOptions.SectionName}:Models or the component registration.",
                        ex);
                }

                if (component is not null)
                {
                    model.AddComponent(component);
                }
            }
        }
    }

    /// <summary>The configured models, in configuration order.</summary>
    public IReadOnlyList<MonitoredModel> Models => _models;

    /// <summary>The evaluators of every model's components.</summary>
    public IEnumerable<IMonitoringEvaluator> Evaluators => _models.SelectMany(m => m.Evaluators);

    /// <summary>Returns the model of that name.</summary>
    /// <param name="modelName">The configured model name.</param>
    /// <returns>The model.</returns>
    /// <exception cref="KeyNotFoundException">No model of that name is configured.</exception>
    public MonitoredModel GetModel(string modelName)
    {
        ArgumentNullException.ThrowIfNull(modelName);
        if (_byName.TryGetValue(modelName, out var model))
        {
            return model;
        }

        throw new KeyNotFoundException(
            $"No monitored model named '{modelName}'. Configured: [{string.Join(", ", _byName.Keys)}]. Add it with options.AddModel(\"{modelName}\") or under {MlMonitoringOptions.SectionName}:Models.");
    }

    /// <summary>Looks up a model by name.</summary>
    /// <param name="modelName">The configured model name.</param>
    /// <param name="model">The model, when found.</param>
    /// <returns>Whether the model is configured.</returns>
    public bool TryGetModel(string modelName, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out MonitoredModel? model) =>
        _byName.TryGetValue(modelName, out model);

    /// <summary>Disposes every model (its components and inference metrics).</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            foreach (var registration in _sinkRegistrations)
            {
                registration.Dispose();
            }

            foreach (var model in _models)
            {
                model.Dispose();
            }
        }
    }

    private IReadOnlyList<IMonitoringEventSink> GetGlobalSinks()
    {
        // Resolved on first use, so a sink may depend on the registry without a cycle.
        return _globalSinks ??= _services.GetServices<IMonitoringEventSink>().ToArray();
    }
}
