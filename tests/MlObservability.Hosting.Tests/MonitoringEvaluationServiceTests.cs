using System.Diagnostics.Tracing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using MlObservability.Hosting;
using MlObservability.Hosting.Tests.Support;

namespace MlObservability.Hosting.Tests;

public sealed class MonitoringEvaluationServiceTests
{
    private sealed class FailureListener : EventListener
    {
        public List<string> Failures { get; } = [];

        protected override void OnEventSourceCreated(EventSource eventSource)
        {
            if (eventSource.Name == "MlObservability-Hosting")
            {
                EnableEvents(eventSource, EventLevel.Error);
            }
        }

        protected override void OnEventWritten(EventWrittenEventArgs eventData)
        {
            if (eventData.EventName == "EvaluatorFailed")
            {
                lock (Failures)
                {
                    Failures.Add($"{eventData.Payload![0]}: {eventData.Payload[1]}");
                }
            }
        }
    }

    private static IHost BuildHost(FakeTimeProvider time, params IMonitoringEvaluator[] evaluators)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddSingleton<TimeProvider>(time);
        builder.Services.AddMlMonitoring(o =>
        {
            o.EvaluationInterval = TimeSpan.FromSeconds(10);
            o.ResourceMetrics = false;
        });
        foreach (var evaluator in evaluators)
        {
            builder.Services.AddSingleton<IMonitoringEvaluator>(evaluator);
        }

        return builder.Build();
    }

    [Test]
    public async Task Runs_every_evaluator_once_per_interval_on_the_host_clock()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var first = new RecordingEvaluator("first");
        var second = new RecordingEvaluator("second");
        using var host = BuildHost(time, first, second);
        await host.StartAsync();

        time.Advance(TimeSpan.FromSeconds(9));
        Assert.That(first.Calls, Is.Empty, "nothing runs before the first interval elapses");

        for (int pass = 1; pass <= 3; pass++)
        {
            time.Advance(pass == 1 ? TimeSpan.FromSeconds(1) : TimeSpan.FromSeconds(10));
            Assert.That(first.WaitForCall() && second.WaitForCall(), Is.True, $"pass {pass} ran");
        }

        await host.StopAsync();

        Assert.Multiple(() =>
        {
            Assert.That(first.Calls.Select(c => c.ToUnixTimeSeconds() - time.Start.ToUnixTimeSeconds()), Is.EqualTo(new long[] { 10, 20, 30 }));
            Assert.That(second.Calls, Has.Count.EqualTo(3));
        });
    }

    [Test]
    public async Task A_failing_evaluator_is_reported_and_does_not_stop_the_others()
    {
        using var listener = new FailureListener();
        var time = new FakeTimeProvider();
        var failing = new RecordingEvaluator("broken-eval", fail: true);
        var healthy = new RecordingEvaluator("healthy-eval");
        using var host = BuildHost(time, failing, healthy);
        await host.StartAsync();

        time.Advance(TimeSpan.FromSeconds(10));
        Assert.That(healthy.WaitForCall(), Is.True);
        time.Advance(TimeSpan.FromSeconds(10));
        Assert.That(healthy.WaitForCall(), Is.True, "the loop survives a failure");
        await host.StopAsync();

        lock (listener.Failures)
        {
            Assert.That(listener.Failures, Has.Count.GreaterThanOrEqualTo(2));
            Assert.That(listener.Failures[0], Does.StartWith("broken-eval: System.InvalidOperationException: broken-eval failed on purpose"));
        }
    }

    [Test]
    public async Task Stops_cleanly_and_runs_nothing_after_shutdown()
    {
        var time = new FakeTimeProvider();
        var evaluator = new RecordingEvaluator("stopper");
        using var host = BuildHost(time, evaluator);
        await host.StartAsync();
        time.Advance(TimeSpan.FromSeconds(10));
        Assert.That(evaluator.WaitForCall(), Is.True);

        var service = host.Services.GetServices<IHostedService>().OfType<MonitoringEvaluationService>().Single();
        await host.StopAsync();
        Assert.That(service.ExecuteTask, Is.Not.Null);
        Assert.That(service.ExecuteTask!.IsCompletedSuccessfully, Is.True, "the loop ended without an exception");

        time.Advance(TimeSpan.FromMinutes(5));
        Assert.That(evaluator.Calls, Has.Count.EqualTo(1));
    }

    [Test]
    public void EvaluateOnce_includes_model_component_evaluators()
    {
        var componentEvaluator = new RecordingEvaluator("component");
        var services = new ServiceCollection();
        services.AddMlMonitoring(o => o.ResourceMetrics = false)
            .AddModel("eval-once")
            .AddModelComponent(_ => componentEvaluator)
            .AddEvaluator<CountingEvaluator>();
        using var provider = services.BuildServiceProvider();
        var service = provider.GetServices<IHostedService>().OfType<MonitoringEvaluationService>().Single();

        Assert.That(service.EvaluateOnce(), Is.Zero);
        Assert.Multiple(() =>
        {
            Assert.That(componentEvaluator.Calls, Has.Count.EqualTo(1));
            Assert.That(CountingEvaluator.Count, Is.GreaterThanOrEqualTo(1));
            Assert.That(service.Passes, Is.EqualTo(1));
        });
    }

    private sealed class CountingEvaluator : IMonitoringEvaluator
    {
        public static int Count;

        public string EvaluatorName => "counting";

        public void Evaluate(DateTimeOffset now) => Interlocked.Increment(ref Count);
    }
}
