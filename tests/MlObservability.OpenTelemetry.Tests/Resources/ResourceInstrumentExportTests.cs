using MlObservability.Hosting.Resources;
using MlObservability.OpenTelemetry.Tests.Support;
using OpenTelemetry;
using OpenTelemetry.Metrics;

namespace MlObservability.OpenTelemetry.Tests.Resources;

public sealed class ResourceInstrumentExportTests
{
    private List<MetricSnapshot> _exported = null!;

    [OneTimeSetUp]
    public void Export()
    {
        ResourceInstruments.EnsureCreated();
        _exported = [];
        using var provider = Sdk.CreateMeterProviderBuilder().AddMlMonitoring().AddInMemoryExporter(_exported).Build();
        GC.Collect(0, GCCollectionMode.Forced, blocking: true);
        provider.ForceFlush();
    }

    private MetricSnapshot Metric(string name)
    {
        var metric = _exported.Single(name);
        Assert.That(metric.MeterName, Is.EqualTo("MlObservability.Hosting"));
        return metric;
    }

    [Test]
    public void Cpu_utilization_is_a_ratio_gauge_between_0_and_1()
    {
        var metric = Metric("ml.process.cpu.utilization");
        double value = metric.MetricPoints.Single().GetGaugeLastValueDouble();
        Assert.Multiple(() =>
        {
            Assert.That(metric.Unit, Is.EqualTo("1"));
            Assert.That(metric.MetricType, Is.EqualTo(MetricType.DoubleGauge));
            Assert.That(value, Is.InRange(0.0, 1.0));
        });
    }

    [Test]
    public void Memory_usage_is_the_working_set_in_bytes()
    {
        var metric = Metric("ml.process.memory.usage");
        long value = metric.MetricPoints.Single().GetGaugeLastValueLong();
        Assert.Multiple(() =>
        {
            Assert.That(metric.Unit, Is.EqualTo("By"));
            Assert.That(metric.MetricType, Is.EqualTo(MetricType.LongGauge));
            Assert.That(value, Is.GreaterThan(1_000_000), "a .NET test host uses more than a megabyte");
        });
    }

    [Test]
    public void Gc_collections_counter_by_generation()
    {
        var metric = Metric("ml.runtime.gc.collections");
        var gen0 = metric.PointsWith(("gc.generation", "gen0")).Single().GetSumLong();
        Assert.Multiple(() =>
        {
            Assert.That(metric.Unit, Is.EqualTo("{collection}"));
            Assert.That(metric.MetricType, Is.EqualTo(MetricType.LongSum));
            Assert.That(metric.MetricPoints.Select(p => MetricSnapshotExtensions.TagsOf(p)["gc.generation"]), Is.EquivalentTo(new[] { "gen0", "gen1", "gen2" }));
            Assert.That(gen0, Is.GreaterThanOrEqualTo(1), "a collection was forced before the export");
            Assert.That(gen0, Is.LessThanOrEqualTo(GC.CollectionCount(0)));
        });
    }

    [Test]
    public void Thread_pool_queue_length_gauge()
    {
        var metric = Metric("ml.runtime.threadpool.queue.length");
        Assert.Multiple(() =>
        {
            Assert.That(metric.Unit, Is.EqualTo("{work_item}"));
            Assert.That(metric.MetricType, Is.EqualTo(MetricType.LongGauge));
            Assert.That(metric.MetricPoints.Single().GetGaugeLastValueLong(), Is.GreaterThanOrEqualTo(0));
        });
    }

    [Test]
    public void Gc_heap_size_in_bytes()
    {
        var metric = Metric("ml.runtime.gc.heap.size");
        Assert.Multiple(() =>
        {
            Assert.That(metric.Unit, Is.EqualTo("By"));
            Assert.That(metric.MetricType, Is.EqualTo(MetricType.LongGauge));
            Assert.That(metric.MetricPoints.Single().GetGaugeLastValueLong(), Is.GreaterThan(0));
        });
    }

    [Test]
    public void Cpu_sampler_divides_cpu_time_by_elapsed_time_and_processors()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider();
        var sampler = new ResourceInstruments.ProcessCpuSampler(time);
        sampler.Sample(TimeSpan.FromSeconds(1), time.GetTimestamp(), processors: 4);
        time.Advance(TimeSpan.FromSeconds(10));

        double utilization = sampler.Sample(TimeSpan.FromSeconds(21), time.GetTimestamp(), processors: 4);

        Assert.That(utilization, Is.EqualTo(20.0 / (10 * 4)).Within(1e-9), "20 s of CPU over 10 s on 4 processors");
    }
}
