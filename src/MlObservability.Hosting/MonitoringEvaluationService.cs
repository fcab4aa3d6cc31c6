using System.Diagnostics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using MlObservability.Hosting.Configuration;
using MlObservability.Hosting.Diagnostics;

namespace MlObservability.Hosting;

/// <summary>
/// Runs every <see cref="IMonitoringEvaluator"/> (those registered in the container and those of each model's components)
/// every <see cref="MlMonitoringOptions.EvaluationInterval"/> on the host's <see cref="TimeProvider"/>. A failing evaluator
/// is reported through the <c>MlObservability-Hosting</c> event source and does not stop the others; the loop ends
/// when the host stops.
/// </summary>
internal sealed class MonitoringEvaluationService : BackgroundService
{
    private readonly ModelMonitorRegistry _registry;
    private readonly IEnumerable<IMonitoringEvaluator> _evaluators;
    private readonly TimeProvider _timeProvider;
    private readonly TimeSpan _interval;
    private IMonitoringEvaluator[]? _all;
    private long _passes;
    private PeriodicTimer? _timer;

    public MonitoringEvaluationService(
        ModelMonitorRegistry registry,
        IEnumerable<IMonitoringEvaluator> evaluators,
        IOptions<MlMonitoringOptions> options,
        TimeProvider timeProvider)
    {
        _registry = registry;
        _evaluators = evaluators;
        _timeProvider = timeProvider;
        _interval = options.Value.EvaluationInterval;
    }

    /// <summary>Completed evaluation passes.</summary>
    public long Passes => Interlocked.Read(ref _passes);

    /// <summary>Runs one pass over every evaluator now.</summary>
    /// <returns>The number of evaluators that failed.</returns>
    internal int EvaluateOnce()
    {
        // Detectors first, then application-wide evaluators (the alert engine), so alerts see this pass's findings.
        var evaluators = _all ??= [.. _registry.Evaluators, .. _evaluators];
        var now = _timeProvider.GetUtcNow();
        long started = Stopwatch.GetTimestamp();
        using var activity = HostingTelemetry.ActivitySource.StartActivity("ml.monitoring.evaluate");
        int failed = 0;
        foreach (var evaluator in evaluators)
        {
            try
            {
                evaluator.Evaluate(now);
            }
            catch (Exception ex)
            {
                failed++;
                HostingEventSource.Log.EvaluatorFailed(SafeName(evaluator), ex);
            }
        }

        activity?.SetTag("ml.monitoring.evaluators", evaluators.Length);
        activity?.SetTag("ml.monitoring.failed", failed);
        if (failed > 0)
        {
            activity?.SetStatus(ActivityStatusCode.Error, $"{failed} evaluator(s) failed");
        }

        Interlocked.Increment(ref _passes);
        HostingEventSource.Log.EvaluationPassCompleted(evaluators.Length, failed, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        return failed;
    }

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        // The schedule starts with the host, not whenever the thread pool gets to ExecuteAsync.
        _timer = new PeriodicTimer(_interval, _timeProvider);
        return base.StartAsync(cancellationToken);
    }

    public override void Dispose()
    {
        _timer?.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        HostingEventSource.Log.EvaluationServiceStarted(_interval.TotalSeconds);
        var timer = _timer ?? throw new InvalidOperationException("StartAsync was not called.");
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                EvaluateOnce();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Host shutdown: leave quietly.
        }
        finally
        {
            HostingEventSource.Log.EvaluationServiceStopped(Passes);
        }
    }

    private static string SafeName(IMonitoringEvaluator evaluator)
    {
        try
        {
            return evaluator.EvaluatorName;
        }
        catch (Exception)
        {
            return evaluator.GetType().Name;
        }
    }
}
