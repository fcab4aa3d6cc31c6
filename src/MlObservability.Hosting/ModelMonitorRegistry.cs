using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MlObservability.Hosting.Configuration;
using MlObservability.Hosting.Resources;
using MlObservability.Inference;

namespace MlObservability.Hosting;

/// <summary>
/// The monitored models of the application, created from <see cref="MlMonitoringOptions.Models"/> when first resolved:
/// one <see cref="ModelMonitor"/> (with its <see cref="InferenceMetrics"/> and components) per configured model.
/// Inject it where inference happens and look the model up once, at construction.
/// </summary>
public sealed class ModelMonitorRegistry : IDisposable
{
    private readonly Dictionary<string, ModelMonitor> _byName = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ModelMonitorOptions> _options = new(StringComparer.Ordinal);
    private readonly List<ModelMonitor> _models = [];
    private int _disposed;

    internal ModelMonitorRegistry(
        IOptions<MlMonitoringOptions> options,
        IEnumerable<ModelComponentRegistration> components,
        IServiceProvider services,
        TimeProvider timeProvider)
    {
        var settings = options.Value;
        if (settings.ResourceMetrics)
        {
            ResourceInstruments.EnsureCreated();
        }

        var registrations = components.ToArray();

        // Resolved on the first finding, so a sink may depend on the registry without a cycle.
        Func<IEnumerable<IMonitoringEventSink>> sharedSinks = services.GetServices<IMonitoringEventSink>;
        foreach (var modelOptions in settings.Models)
        {
            var model = new ModelMonitor(
                modelOptions.Name,
                modelOptions.Version,
                modelOptions.Endpoint,
                new InferenceMetricsOptions { LatencyWindow = modelOptions.LatencyWindow, TimeProvider = timeProvider });
            _byName.Add(model.Name, model);
            _options.Add(model.Name, modelOptions);
            _models.Add(model);
            model.AddSharedEventSinks(sharedSinks);
            var context = new ModelMonitorContext(model, modelOptions, services, timeProvider);
            foreach (var registration in registrations)
            {
                AddComponent(model, registration, context);
            }
        }
    }

    /// <summary>The configured models, in configuration order.</summary>
    public IReadOnlyList<ModelMonitor> Models => _models;

    /// <summary>The evaluators of every model's components.</summary>
    public IEnumerable<IMonitoringEvaluator> Evaluators => _models.SelectMany(m => m.Evaluators);

    /// <summary>Returns the model of that name.</summary>
    /// <param name="modelName">The configured model name.</param>
    /// <returns>The model.</returns>
    /// <exception cref="KeyNotFoundException">No model of that name is configured.</exception>
    public ModelMonitor GetModel(string modelName)
    {
        ArgumentNullException.ThrowIfNull(modelName);
        if (_byName.TryGetValue(modelName, out var model))
        {
            return model;
        }

        string configured = _byName.Count == 0
            ? $"No model is configured at all: is the configuration section named {MlMonitoringOptions.SectionName}, and does it have Models?"
            : $"Configured: [{string.Join(", ", _byName.Keys)}]" + (Configuration.UnknownConfigurationKeys.Nearest(modelName, _byName.Keys) is { } nearest ? $" (did you mean '{nearest}'? names are case-sensitive)." : ".");
        throw new KeyNotFoundException(
            $"No monitored model named '{modelName}'. {configured} Add it with options.AddModel(\"{modelName}\") or under {MlMonitoringOptions.SectionName}:Models.");
    }

    /// <summary>Looks up a model by name.</summary>
    /// <param name="modelName">The configured model name.</param>
    /// <param name="model">The model, when found.</param>
    /// <returns>Whether the model is configured.</returns>
    public bool TryGetModel(string modelName, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out ModelMonitor? model) =>
        _byName.TryGetValue(modelName, out model);

    /// <summary>The settings a configured model was created from.</summary>
    /// <param name="modelName">The configured model name.</param>
    /// <returns>The model's settings.</returns>
    /// <exception cref="KeyNotFoundException">No model of that name is configured.</exception>
    public ModelMonitorOptions GetOptions(string modelName) => _options[GetModel(modelName).Name];

    /// <summary>Disposes every model (its components and inference metrics).</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            foreach (var model in _models)
            {
                model.Dispose();
            }
        }
    }

    private void AddComponent(ModelMonitor model, ModelComponentRegistration registration, ModelMonitorContext context)
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

        if (component is Detectors.ModelComponents group)
        {
            foreach (var member in group.Components)
            {
                model.AddComponent(member);
            }
        }
        else if (component is ComponentWithResources withResources)
        {
            model.AddComponent(withResources.Component, withResources);
        }
        else if (component is not null)
        {
            model.AddComponent(component);
        }
    }
}
