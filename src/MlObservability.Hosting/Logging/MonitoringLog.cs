using Microsoft.Extensions.Logging;

namespace MlObservability.Hosting.Logging;

/// <summary>
/// The startup and first-call messages of <c>AddMlMonitoring()</c> (category <c>MlObservability.Hosting</c>), with stable
/// event ids so they can be filtered and alerted on. docs/getting-started.md lists each one and what to do about it.
/// </summary>
internal static partial class MonitoringLog
{
    /// <summary>The logger category.</summary>
    public const string Category = "MlObservability.Hosting";

    [LoggerMessage(EventId = 100, EventName = "MlNoModelsConfigured", Level = LogLevel.Warning,
        Message = "No models are monitored: {Section}:Models is empty{Hint}. Drift, quality, SLOs and alerts measure nothing and GetModel(name) throws; add models under {Section}:Models or with options.AddModel(name, version).")]
    public static partial void NoModelsConfigured(ILogger logger, string section, string hint);

    [LoggerMessage(EventId = 101, EventName = "MlModelMonitored", Level = LogLevel.Information,
        Message = "Monitoring model {Model} version '{Version}' endpoint '{Endpoint}': {Drift}; {Quality}; {Slo}; {Alerts}; {Metrics}.")]
    public static partial void ModelMonitored(ILogger logger, string model, string version, string endpoint, string drift, string quality, string slo, string alerts, string metrics);

    [LoggerMessage(EventId = 102, EventName = "MlUnmatchedRecordingTarget", Level = LogLevel.Warning,
        Message = "{Source} records model '{Model}' version '{Version}' endpoint '{Endpoint}', which matches no configured model: {Reason} Configured: {Configured}.")]
    public static partial void UnmatchedRecordingTarget(ILogger logger, string source, string model, string version, string endpoint, string reason, string configured);

    [LoggerMessage(EventId = 103, EventName = "MlSeparateEndpoint", Level = LogLevel.Information,
        Message = "{Source} records model '{Model}' version '{Version}' under endpoint '{Endpoint}', not the configured '{ConfiguredEndpoint}': its calls have their own RED metrics and do not count in the model's SLOs.")]
    public static partial void SeparateEndpoint(ILogger logger, string source, string model, string version, string endpoint, string configuredEndpoint);

    [LoggerMessage(EventId = 104, EventName = "MlFindingOpened", Level = LogLevel.Warning,
        Message = "Model {Model}: {Kind}: {Summary}")]
    public static partial void FindingOpened(ILogger logger, string model, string kind, string summary);
}
