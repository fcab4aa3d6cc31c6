using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MlObservability;
using MlObservability.Alerts;
using MlObservability.Alerts.Notifiers;
using MlObservability.Hosting;
using MlObservability.Hosting.Alerts;
using MlObservability.Hosting.Configuration;
using MlObservability.Hosting.Health;
using MlObservability.Hosting.Logging;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// <c>services.AddMlMonitoring(...)</c>: the monitored models, background evaluation, health state and prediction logging.
/// Calling it more than once is harmless: services are added once, option callbacks add up.
/// </summary>
public static class MlMonitoringServiceCollectionExtensions
{
    /// <summary>Adds ML monitoring with settings from code.</summary>
    /// <param name="services">The application's services.</param>
    /// <param name="configure">Sets the options, for example <c>o => o.AddModel("fraud", "3")</c>.</param>
    /// <returns>A builder to add evaluators, event sinks and per-model components.</returns>
    public static IMlMonitoringBuilder AddMlMonitoring(this IServiceCollection services, Action<MlMonitoringOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        AddCore(services);
        if (configure is not null)
        {
            services.Configure(configure);
        }

        return new MlMonitoringBuilder(services);
    }

    /// <summary>Adds ML monitoring with settings bound from a configuration section (usually <c>MlMonitoring</c>).</summary>
    /// <param name="services">The application's services.</param>
    /// <param name="section">The section, for example <c>builder.Configuration.GetSection("MlMonitoring")</c>.</param>
    /// <param name="configure">Further settings from code, applied after the section.</param>
    /// <returns>A builder to add evaluators, event sinks and per-model components.</returns>
    public static IMlMonitoringBuilder AddMlMonitoring(this IServiceCollection services, IConfiguration section, Action<MlMonitoringOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(section);
        AddCore(services);

        // Binding the same section twice would list its models twice; bind each section once.
        if (!services.Any(d => d.ServiceType == typeof(BoundConfigurationSection) && ReferenceEquals((d.ImplementationInstance as BoundConfigurationSection)?.Section, section)))
        {
            services.AddSingleton(new BoundConfigurationSection(section));
            services.AddOptions<MlMonitoringOptions>().Bind(section);
        }

        if (configure is not null)
        {
            services.Configure(configure);
        }

        return new MlMonitoringBuilder(services);
    }

    private static void AddCore(IServiceCollection services)
    {
        if (services.Any(d => d.ServiceType == typeof(CoreMarker)))
        {
            return;
        }

        services.AddSingleton<CoreMarker>();
        services.AddOptions<MlMonitoringOptions>()
            .PostConfigure<IServiceProvider>((options, sp) => ResolveProfilePaths(options, sp.GetService<IHostEnvironment>()))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<MlMonitoringOptions>, MlMonitoringOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<MlMonitoringOptions>, PendingStoreValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<MlMonitoringOptions>, UnknownConfigurationKeyValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new ModelMonitorRegistry(
            sp.GetRequiredService<IOptions<MlMonitoringOptions>>(),
            sp.GetServices<ModelComponentRegistration>(),
            sp,
            sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(sp => new MlMonitoringHealthCheck(sp.GetRequiredService<IOptions<MlMonitoringOptions>>(), sp.GetService<TimeProvider>())
        {
            SloSource = () => sp.GetRequiredService<ModelMonitorRegistry>().Models,
        });
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IMonitoringEventSink, MlMonitoringHealthCheck>(sp => sp.GetRequiredService<MlMonitoringHealthCheck>()));
        services.TryAddSingleton(sp => new PredictionLogger(
            (sp.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance).CreateLogger<PredictionLogger>(),
            sp.GetRequiredService<IOptions<MlMonitoringOptions>>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, MonitoringEvaluationService>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, MonitoringStartupReport>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IMonitoringEventSink, MonitoringFindingLogger>(sp => new MonitoringFindingLogger(sp.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance)));

        // Built-in detectors per model (drift, quality, SLOs) and the application's alert engine.
        BuiltInDetectors.Register(services);
        services.AddSingleton(new ModelComponentRegistration(PredictionLogSink.Create, nameof(PredictionLogSink)));
        services.TryAddSingleton(sp => new ConfiguredAlertNotifiers(
            sp.GetRequiredService<IOptions<MlMonitoringOptions>>().Value.Alerts,
            sp.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance));
        services.TryAddSingleton(CreateAlertPipeline);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IMonitoringEventSink, AlertPipeline>(sp => sp.GetRequiredService<AlertPipeline>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IMonitoringEvaluator, AlertPipeline>(sp => sp.GetRequiredService<AlertPipeline>()));
    }

    /// <summary>
    /// The application's alerting: the standard rules of every model whose alerts are enabled, delivered to the
    /// configured notifiers and every <see cref="IAlertNotifier"/> in the container. No rules when alerting is disabled.
    /// </summary>
    private static AlertPipeline CreateAlertPipeline(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<MlMonitoringOptions>>().Value;
        var registry = services.GetRequiredService<ModelMonitorRegistry>();
        var rules = new List<AlertRule>();
        var notifiers = new List<IAlertNotifier>();
        if (options.Alerts.Enabled)
        {
            foreach (var model in registry.Models)
            {
                var modelAlerts = registry.GetOptions(model.Name).Alerts;
                if (modelAlerts.Enabled)
                {
                    rules.AddRange(StandardAlertRules.For(model, modelAlerts.Thresholds));
                }
            }

            notifiers.AddRange(services.GetServices<IAlertNotifier>());
            notifiers.AddRange(services.GetRequiredService<ConfiguredAlertNotifiers>().Notifiers);
        }

        return new AlertPipeline(
            rules,
            notifiers,
            new AlertEngineOptions { RepeatInterval = options.Alerts.RepeatInterval, TimeProvider = services.GetRequiredService<TimeProvider>() });
    }

    /// <summary>
    /// A relative <see cref="ModelMonitorOptions.DriftReferencePath"/> is read from the host's content root (where
    /// appsettings.json lives), so the service finds its baseline whatever the working directory; then from the working
    /// directory. When neither holds it, both places are remembered for the startup error.
    /// </summary>
    private static void ResolveProfilePaths(MlMonitoringOptions options, IHostEnvironment? environment)
    {
        if (environment is null)
        {
            return;
        }

        foreach (var model in options.Models)
        {
            if (model.DriftReferencePath is { Length: > 0 } path && !Path.IsPathRooted(path))
            {
                string underContentRoot = Path.GetFullPath(Path.Combine(environment.ContentRootPath, path));
                if (File.Exists(underContentRoot))
                {
                    model.DriftReferencePath = underContentRoot;
                }
                else if (!File.Exists(path))
                {
                    string underWorkingDirectory = Path.GetFullPath(path);
                    model.DriftReferencePathsTried = underWorkingDirectory == underContentRoot
                        ? [underContentRoot]
                        : [underContentRoot, underWorkingDirectory];
                }
            }
        }
    }

    private sealed class CoreMarker;
}
