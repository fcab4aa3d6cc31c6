using System.Diagnostics.Tracing;
using MlObservability.OnnxRuntime.Gpu;

namespace MlObservability.OnnxRuntime.Tests.Gpu;

/// <summary>The GPU gauges against a fake NVML, and the real loader on a machine without NVIDIA's driver.</summary>
public sealed class GpuMetricsTests
{
    private static string Unique(string name) => name + "-" + Guid.NewGuid().ToString("N")[..6];

    private static Recorded[] Collect(MetricRecorder recorder, string instrument, string gpuName)
    {
        return recorder.Of(instrument).Where(m => (string?)m.Tags[SemanticConventions.GpuName] == gpuName).ToArray();
    }

    [Test]
    public void Readings_are_published_per_device_in_base_units()
    {
        string a = Unique("H100"), b = Unique("L4");
        using var recorder = new MetricRecorder(null);
        using var gpu = new GpuMetrics(new FakeNvml(
            new FakeGpu(a, 37, 20_000_000_000, 80_000_000_000, 61, 312_500),
            new FakeGpu(b, 5, 1_000_000, 24_000_000_000, 40, 72_000)));
        recorder.Observe();

        Assert.Multiple(() =>
        {
            Assert.That(gpu.IsAvailable, Is.True);
            Assert.That(gpu.DeviceNames, Is.EqualTo(new[] { a, b }));
            Assert.That(Collect(recorder, "ml.gpu.utilization", a).Single().Value, Is.EqualTo(0.37).Within(1e-12));
            Assert.That(Collect(recorder, "ml.gpu.memory.used", a).Single().Value, Is.EqualTo(20_000_000_000d));
            Assert.That(Collect(recorder, "ml.gpu.memory.total", a).Single().Value, Is.EqualTo(80_000_000_000d));
            Assert.That(Collect(recorder, "ml.gpu.temperature", a).Single().Value, Is.EqualTo(61));
            Assert.That(Collect(recorder, "ml.gpu.power", a).Single().Value, Is.EqualTo(312.5));
            Assert.That(Collect(recorder, "ml.gpu.power", b).Single().Value, Is.EqualTo(72));
            Assert.That(Collect(recorder, "ml.gpu.power", a).Single().Tags[SemanticConventions.GpuDevice], Is.EqualTo("0"));
            Assert.That(Collect(recorder, "ml.gpu.power", b).Single().Tags[SemanticConventions.GpuDevice], Is.EqualTo("1"));
        });
    }

    [Test]
    public void A_query_the_device_does_not_support_skips_only_that_measurement()
    {
        string a = Unique("T4");
        using var recorder = new MetricRecorder(null);
        using var gpu = new GpuMetrics(new FakeNvml(new FakeGpu(a, 10, 1, 2, 50, 70_000) { FailingQuery = "power" }));
        recorder.Observe();
        recorder.Observe();

        Assert.Multiple(() =>
        {
            Assert.That(Collect(recorder, "ml.gpu.power", a), Is.Empty);
            Assert.That(Collect(recorder, "ml.gpu.temperature", a), Has.Length.EqualTo(2));
            Assert.That(Collect(recorder, "ml.gpu.utilization", a), Has.Length.EqualTo(2));
        });
    }

    [Test]
    public void Absent_nvml_publishes_nothing_and_says_so_once()
    {
        using var events = new NvmlEventListener();
        using var recorder = new MetricRecorder(null);
        var fake = new FakeNvml(new FakeGpu(Unique("ghost"), 1, 1, 1, 1, 1)) { InitializeFailure = "no driver here" };
        using var gpu = new GpuMetrics(fake);
        recorder.Observe();

        Assert.Multiple(() =>
        {
            Assert.That(gpu.IsAvailable, Is.False);
            Assert.That(gpu.UnavailableReason, Is.EqualTo("no driver here"));
            Assert.That(recorder.Of("ml.gpu.utilization").Where(m => ((string)m.Tags[SemanticConventions.GpuName]!).StartsWith("ghost", StringComparison.Ordinal)), Is.Empty);
            Assert.That(events.Messages.Count(m => m.Contains("no driver here", StringComparison.Ordinal)), Is.EqualTo(1));
            Assert.That(fake.Disposed, Is.True, "the library is released at once");
        });
    }

    [Test]
    public void Disposed_metrics_stop_publishing_and_release_nvml()
    {
        string a = Unique("A100");
        using var recorder = new MetricRecorder(null);
        var fake = new FakeNvml(new FakeGpu(a, 1, 1, 1, 1, 1));
        var gpu = new GpuMetrics(fake);
        gpu.Dispose();
        recorder.Observe();
        Assert.Multiple(() =>
        {
            Assert.That(Collect(recorder, "ml.gpu.utilization", a), Is.Empty);
            Assert.That(fake.Disposed, Is.True);
        });
    }

    [Test]
    public void Real_loader_degrades_cleanly_when_the_library_does_not_exist()
    {
        using var library = new NvmlLibrary(["libnvidia-ml-absent.so.1"]);
        string? failure = library.Initialize();
        Assert.Multiple(() =>
        {
            Assert.That(failure, Does.Contain("libnvidia-ml-absent.so.1").And.Contain("not found"));
            Assert.That(library.DeviceCount, Is.Zero);
        });
    }

    [Test]
    public void Start_on_this_machine_never_throws_and_publishes_only_what_exists()
    {
        using var recorder = new MetricRecorder(null);
        using var gpu = GpuMetrics.Start();
        recorder.Observe();
        var names = gpu.DeviceNames.ToHashSet();
        var mine = recorder.Of("ml.gpu.memory.total").Where(m => names.Contains((string)m.Tags[SemanticConventions.GpuName]!)).ToArray();
        if (gpu.IsAvailable)
        {
            Assert.That(mine, Has.Length.EqualTo(gpu.DeviceNames.Count), "one reading per device");
            Assert.That(mine.All(m => m.Value > 0), Is.True, "a real GPU has memory");
        }
        else
        {
            Assert.That(gpu.UnavailableReason, Is.Not.Empty);
            Assert.That(mine, Is.Empty);
        }
    }

    private sealed class NvmlEventListener : EventListener
    {
        public List<string> Messages { get; } = [];

        protected override void OnEventSourceCreated(EventSource eventSource)
        {
            if (eventSource.Name == "MlObservability-OnnxRuntime")
            {
                EnableEvents(eventSource, EventLevel.Verbose);
            }
        }

        protected override void OnEventWritten(EventWrittenEventArgs eventData)
        {
            if (eventData.EventName == "NvmlUnavailable")
            {
                lock (Messages)
                {
                    Messages.Add(string.Format(System.Globalization.CultureInfo.InvariantCulture, eventData.Message ?? string.Empty, eventData.Payload?.ToArray() ?? []));
                }
            }
        }
    }
}
