using System.Diagnostics;
using MlObservability.Instrumentation;

namespace MlObservability.Generators.Tests.Runtime;

public sealed class InstrumentedDecoratorTests
{
    private const string Model = "runtime-shapes";
    private const string Requests = "ml.inference.requests";
    private const string Errors = "ml.inference.errors";
    private const string Duration = "ml.inference.duration";

    private static IShapeService Create() => new InstrumentedShapeService(new ShapeService());

    [Test]
    public void Calls_from_many_threads_record_exact_counts_and_durations()
    {
        var service = Create();
        var metrics = InstrumentedEndpoint.Get(Model, "3", "Add").Metrics;
        long latencyBefore = metrics.Latency.GetSnapshot().Count;
        using var recorder = new MetricRecorder(Model);
        const int Threads = 8, Calls = 5_000;
        long sum = 0;
        Parallel.For(0, Threads, new ParallelOptions { MaxDegreeOfParallelism = Threads }, t =>
        {
            long local = 0;
            for (int i = 0; i < Calls; i++)
            {
                local += service.Add(i, t);
            }

            Interlocked.Add(ref sum, local);
        });

        long expectedSum = Threads * ((long)Calls * (Calls - 1) / 2) + ((long)Calls * (Threads * (Threads - 1) / 2));
        Assert.Multiple(() =>
        {
            Assert.That(sum, Is.EqualTo(expectedSum), "results pass through unchanged");
            Assert.That(recorder.Sum(Requests, "ml.endpoint=Add", "ml.outcome=success"), Is.EqualTo(Threads * Calls));
            Assert.That(recorder.Count(Duration, "ml.endpoint=Add", "ml.outcome=success"), Is.EqualTo(Threads * Calls));
            Assert.That(recorder.Sum("ml.inference.active", "ml.endpoint=Add"), Is.Zero, "every +1 has its -1");
            Assert.That(metrics.Latency.GetSnapshot().Count - latencyBefore, Is.EqualTo(Threads * Calls));
            Assert.That(metrics.ActiveCount, Is.Zero);
            Assert.That(metrics.ModelVersion, Is.EqualTo("3"));
        });
    }

    [Test]
    public void Synchronous_exception_is_rethrown_unchanged_and_counted_by_type()
    {
        var service = Create();
        using var recorder = new MetricRecorder(Model);

        var ex = Assert.Throws<InvalidOperationException>(() => service.Fail("boom"));

        Assert.Multiple(() =>
        {
            Assert.That(ex!.Message, Is.EqualTo("boom"));
            Assert.That(ex.StackTrace, Does.Contain("ShapeService.ThrowInvalid"), "the original throw site is the top frame");
            Assert.That(ex.StackTrace, Does.Contain("ShapeService.Fail"));
            Assert.That(recorder.Sum(Errors, "ml.endpoint=Fail", "error.type=InvalidOperationException"), Is.EqualTo(1));
            Assert.That(recorder.Sum(Requests, "ml.endpoint=Fail", "ml.outcome=error"), Is.EqualTo(1));
            Assert.That(recorder.Sum(Requests, "ml.endpoint=Fail", "ml.outcome=success"), Is.Zero);
        });
    }

    [Test]
    public async Task Faulted_task_is_rethrown_unchanged_and_counted_as_error()
    {
        var service = Create();
        using var recorder = new MetricRecorder(Model);

        var ex = Assert.ThrowsAsync<FormatException>(() => service.ComputeAsync(21, fail: true));
        int ok = await service.ComputeAsync(21, fail: false);

        Assert.Multiple(() =>
        {
            Assert.That(ok, Is.EqualTo(42));
            Assert.That(ex!.Message, Is.EqualTo("bad value 21"));
            Assert.That(ex.StackTrace, Does.Contain("ShapeService.ComputeAsync"));
            Assert.That(recorder.Sum(Errors, "ml.endpoint=Compute", "error.type=FormatException"), Is.EqualTo(1));
            Assert.That(recorder.Sum(Requests, "ml.endpoint=Compute", "ml.outcome=success"), Is.EqualTo(1));
        });
    }

    [Test]
    public void Cancellation_is_its_own_outcome_not_an_error()
    {
        var service = Create();
        using var recorder = new MetricRecorder(Model);
        using var cts = new CancellationTokenSource();
        cts.Cancel();

        Assert.CatchAsync<OperationCanceledException>(() => service.DelayAsync(10_000, cts.Token));

        Assert.Multiple(() =>
        {
            Assert.That(recorder.Sum(Requests, "ml.endpoint=Delay", "ml.outcome=cancelled"), Is.EqualTo(1));
            Assert.That(recorder.Sum(Errors, "ml.endpoint=Delay"), Is.Zero);
        });
    }

    [Test]
    public async Task ValueTask_methods_record_success()
    {
        var service = Create();
        using var recorder = new MetricRecorder(Model);

        await service.PingAsync();
        int echoed = await service.EchoAsync(7);

        Assert.Multiple(() =>
        {
            Assert.That(echoed, Is.EqualTo(7));
            Assert.That(recorder.Sum(Requests, "ml.endpoint=Ping", "ml.outcome=success"), Is.EqualTo(1));
            Assert.That(recorder.Sum(Requests, "ml.endpoint=Echo", "ml.outcome=success"), Is.EqualTo(1));
        });
    }

    [Test]
    public async Task Streams_record_one_outcome_per_enumeration()
    {
        var service = Create();
        using var recorder = new MetricRecorder(Model);

        var all = new List<int>();
        await foreach (int i in service.CountAsync(5, failAt: -1, CancellationToken.None))
        {
            all.Add(i);
        }

        await foreach (int i in service.CountAsync(5, failAt: -1, CancellationToken.None))
        {
            break; // consumer stops early: still one success, no leaked in-flight call
        }

        var failure = Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () =>
        {
            await foreach (int i in service.CountAsync(5, failAt: 2, CancellationToken.None))
            {
            }
        });

        using var cts = new CancellationTokenSource();
        Assert.CatchAsync<OperationCanceledException>(async () =>
        {
            await foreach (int i in service.CountAsync(5, failAt: -1, CancellationToken.None).WithCancellation(cts.Token))
            {
                cts.Cancel();
            }
        });

        Assert.Multiple(() =>
        {
            Assert.That(all, Is.EqualTo(new[] { 0, 1, 2, 3, 4 }));
            Assert.That(failure!.ParamName, Is.EqualTo("failAt"));
            Assert.That(recorder.Sum(Requests, "ml.endpoint=Count", "ml.outcome=success"), Is.EqualTo(2));
            Assert.That(recorder.Sum(Requests, "ml.endpoint=Count", "ml.outcome=error"), Is.EqualTo(1));
            Assert.That(recorder.Sum(Errors, "ml.endpoint=Count", "error.type=ArgumentOutOfRangeException"), Is.EqualTo(1));
            Assert.That(recorder.Sum(Requests, "ml.endpoint=Count", "ml.outcome=cancelled"), Is.EqualTo(1));
            Assert.That(recorder.Sum("ml.inference.active", "ml.endpoint=Count"), Is.Zero);
        });
    }

    [Test]
    public void Out_ref_in_parameters_generic_methods_and_properties_pass_through()
    {
        var service = Create();
        using var recorder = new MetricRecorder(Model);

        bool parsed = service.TryParse("123", out int value);
        int counter = 1;
        service.Increment(ref counter, 41);
        var identity = service.Identity(new Uri("https://example.org/"));

        Assert.Multiple(() =>
        {
            Assert.That(parsed, Is.True);
            Assert.That(value, Is.EqualTo(123));
            Assert.That(service.Name, Is.EqualTo("shapes"));
            Assert.That(recorder.Sum(Requests, "ml.endpoint=TryParse"), Is.EqualTo(1));
            Assert.That(counter, Is.EqualTo(42), "ref parameters write through");
            Assert.That(identity, Is.EqualTo(new Uri("https://example.org/")), "generic methods are decorated");
            Assert.That(recorder.Sum(Requests, "ml.endpoint=Increment"), Is.EqualTo(1));
            Assert.That(recorder.Sum(Requests, "ml.endpoint=Identity"), Is.EqualTo(1));
        });
    }

    [Test]
    public void Features_and_predictions_reach_sinks_registered_after_the_decorator_was_created()
    {
        var service = Create();
        service.Predict([0.5, 1.0]); // nothing registered yet: nothing captured, nothing thrown
        var inputs = new RecordingInputSink();
        var outputs = new RecordingOutputSink();

        using (ModelSinks.Register(Model, inputs, outputs))
        {
            service.Predict([-0.25, 3.0]);
            service.Classify([0.75f, 1f, 2f]);
        }

        service.Predict([0.9, 0.1]); // unregistered again
        Assert.Multiple(() =>
        {
            Assert.That(inputs.Rows.ToArray(), Is.EqualTo(new[] { new[] { -0.25, 3.0 }, new[] { 0.75, 1.0, 2.0 } }));
            Assert.That(outputs.Predictions.ToArray(), Is.EqualTo(new[] { ("negative", 0.25), ("#3", 0.75) }));
            Assert.That(ModelSinks.IsRegistered(Model), Is.False);
        });
    }

    [Test]
    public void Method_level_attribute_overrides_the_endpoint()
    {
        var service = Create();
        using var recorder = new MetricRecorder(Model);

        service.Predict([1.0]);

        Assert.That(recorder.Sum(Requests, "ml.endpoint=/predict", "ml.model.version=3"), Is.EqualTo(1));
    }

    [Test]
    public void Only_marked_methods_are_measured_when_the_type_is_not_marked()
    {
        IPartlyInstrumented service = new InstrumentedPartlyInstrumented(new PartlyInstrumented());
        using var recorder = new MetricRecorder("runtime-partly");

        int scored = service.Scored(1);
        int plain = service.Plain(1);

        Assert.Multiple(() =>
        {
            Assert.That((scored, plain), Is.EqualTo((2, 0)));
            Assert.That(recorder.Sum(Requests, "ml.endpoint=scored"), Is.EqualTo(1));
            Assert.That(recorder.Sum(Requests), Is.EqualTo(1), "Plain is forwarded without metrics");
        });
    }

    [Test]
    public void Class_target_decorates_its_interfaces_but_not_system_ones()
    {
        using var recorder = new MetricRecorder("runtime-class-target");
        var decorator = new InstrumentedRanker(new Ranker());

        double[] ranked = ((IRanker)decorator).Rank([1, 3, 2]);

        Assert.Multiple(() =>
        {
            Assert.That(ranked, Is.EqualTo(new[] { 3.0, 2.0, 1.0 }));
            Assert.That(decorator, Is.Not.InstanceOf<IDisposable>(), "the container disposes the implementation, not the decorator");
            Assert.That(recorder.Sum(Requests, "ml.endpoint=Rank", "ml.outcome=success"), Is.EqualTo(1));
        });
    }

    [Test]
    public void Spans_carry_model_endpoint_outcome_and_error_type()
    {
        var stopped = new List<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == MlTelemetry.ActivitySourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = a => { if (a.GetTagItem(SemanticConventions.ModelName) as string == Model) { stopped.Add(a); } },
        };
        ActivitySource.AddActivityListener(listener);
        var service = Create();

        service.Add(1, 2);
        Assert.Throws<InvalidOperationException>(() => service.Fail("x"));

        Assert.That(stopped, Has.Count.EqualTo(2));
        Assert.Multiple(() =>
        {
            Assert.That(stopped[0].DisplayName, Is.EqualTo("runtime-shapes Add"));
            Assert.That(stopped[0].GetTagItem(SemanticConventions.ModelVersion), Is.EqualTo("3"));
            Assert.That(stopped[0].GetTagItem(SemanticConventions.Outcome), Is.EqualTo("success"));
            Assert.That(stopped[1].GetTagItem(SemanticConventions.Endpoint), Is.EqualTo("Fail"));
            Assert.That(stopped[1].GetTagItem(SemanticConventions.Outcome), Is.EqualTo("error"));
            Assert.That(stopped[1].GetTagItem(SemanticConventions.ErrorType), Is.EqualTo("InvalidOperationException"));
            Assert.That(stopped[1].Status, Is.EqualTo(ActivityStatusCode.Error));
        });
    }

    [Test]
    [ReleaseOnly("the generated decorator is compiled into this test assembly; in Debug its async ValueTask path is a class state machine, allocated per call")]
    public async Task Synchronous_and_completed_ValueTask_calls_do_not_allocate()
    {
        var service = Create();
        for (int i = 0; i < 100; i++)
        {
            service.Add(i, i);
            await service.EchoAsync(i);
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        int total = 0;
        for (int i = 0; i < 1_000; i++)
        {
            total += service.Add(i, 1);
            var pending = service.EchoAsync(i);
            total += pending.IsCompletedSuccessfully ? pending.Result : -1;
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Multiple(() =>
        {
            Assert.That(total, Is.EqualTo((1_000 * 999 / 2) + 1_000 + (1_000 * 999 / 2)));
            Assert.That(allocated, Is.Zero);
        });
    }
}
