using Microsoft.Extensions.DependencyInjection;
using MlObservability.Drift;
using MlObservability.Hosting;
using OpenTelemetry;
using OpenTelemetry.Metrics;

namespace MlObservability.Benchmarks.Monitoring;

/// <summary>
/// One model monitored as a user would (issue 16): <c>AddMlMonitoring()</c> with a reference profile of numeric features
/// (drift, fleet counters at 10 bins), quality with three class labels and 10 % ground-truth sampling by request id,
/// SLOs, and an OpenTelemetry <see cref="MeterProvider"/> listening to the library's meter; plus <see cref="Calls"/>
/// different rows, classes, confidences and request ids to record.
/// </summary>
internal sealed class FullyMonitoredFixture : IDisposable
{
    public const int Calls = 1_024;
    private readonly List<Metric> _exported = [];
    private readonly ServiceProvider _provider;
    private readonly MeterProvider _meterProvider;
    private readonly string _profilePath;

    public FullyMonitoredFixture(string name, int features, double samplingRate = 0.1)
    {
        var random = new Random(42);
        var names = Enumerable.Range(0, features).Select(i => $"f{i}").ToArray();
        var builder = new ReferenceProfileBuilder(names);
        for (var r = 0; r < 5_000; r++)
        {
            builder.AddRow([.. names.Select(_ => random.NextDouble())]);
        }

        _profilePath = Path.Combine(Path.GetTempPath(), $"mlobs-bench-{Guid.NewGuid():N}.json");
        builder.Build().Save(_profilePath);
        Rows = [.. Enumerable.Range(0, Calls).Select(_ => names.Select(_ => (float)random.NextDouble()).ToArray())];
        RequestIds = [.. Enumerable.Range(0, Calls).Select(i => $"req-{i:D6}")];
        Classes = [.. Enumerable.Range(0, Calls).Select(_ => random.Next(3))];
        Confidences = [.. Enumerable.Range(0, Calls).Select(_ => 0.4 + (0.6 * random.NextDouble()))];

        var services = new ServiceCollection();
        services.AddLogging();
        services.AddMlMonitoring(o =>
        {
            o.ResourceMetrics = false;
            o.AddModel(name, "1", m =>
            {
                m.DriftReferencePath = _profilePath;
                m.Quality.SamplingRate = samplingRate;
                foreach (var label in new[] { "low", "medium", "high" })
                {
                    m.Quality.ClassLabels.Add(label);
                }
            });
        });
        _provider = services.BuildServiceProvider();
        Model = _provider.GetRequiredService<ModelMonitorRegistry>().GetModel(name);
        _meterProvider = Sdk.CreateMeterProviderBuilder()
            .AddMeter(MlTelemetry.MeterName)
            .AddInMemoryExporter(_exported)
            .Build();
    }

    public ModelMonitor Model { get; }

    public float[][] Rows { get; }

    public string[] RequestIds { get; }

    public int[] Classes { get; }

    public double[] Confidences { get; }

    /// <summary>One fully monitored inference: start, the row, a classification with a request id, success.</summary>
    public void Infer(int i)
    {
        var model = Model;
        var start = model.Inference.Start();
        model.RecordFeatures(Rows[i]);
        model.RecordClassification(Classes[i], Confidences[i], RequestIds[i]);
        model.Inference.RecordSuccess(start);
    }

    public void Dispose()
    {
        _meterProvider.ForceFlush();
        _meterProvider.Dispose();
        _provider.Dispose();
        File.Delete(_profilePath);
        if (_exported.Count == 0)
        {
            throw new InvalidOperationException("The MeterProvider exported nothing: it was not listening.");
        }
    }
}
