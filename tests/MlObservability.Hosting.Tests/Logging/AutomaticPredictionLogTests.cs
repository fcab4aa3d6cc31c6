using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MlObservability.Hosting.Logging;
using MlObservability.Hosting.Tests.Support;
using MlObservability.Instrumentation;

namespace MlObservability.Hosting.Tests.Logging;

/// <summary>Issue 20, item 16: sampled prediction logs come from every path that feeds the model, not only manual calls.</summary>
public sealed class AutomaticPredictionLogTests
{
    [Test]
    public void Predictions_of_an_Instrumented_decorator_and_of_the_model_are_logged_at_the_sample_rate()
    {
        var sink = new CapturingLoggerProvider();
        var services = new ServiceCollection();
        services.AddLogging(b => b.AddProvider(sink).SetMinimumLevel(LogLevel.Information));
        services.AddMlMonitoring(o =>
        {
            o.ResourceMetrics = false;
            o.PredictionLogging.SampleRate = 0.5;
            o.AddModel("autolog-wine", "3", m => m.Endpoint = "predict");
        });
        using var provider = services.BuildServiceProvider();
        var model = provider.GetRequiredService<ModelMonitorRegistry>().GetModel("autolog-wine");
        var decorator = InstrumentedEndpoint.Get("autolog-wine", "3", "predict");

        for (int i = 0; i < 10; i++)
        {
            decorator.RecordPrediction("class_1", 0.9, "req-" + i);   // what generated code calls for an IPredictionResult
        }

        model.RecordRegression(12.5, "reg-1");
        model.RecordRegression(13.5, "reg-2");

        var logged = sink.Entries.Where(e => e.Category == typeof(PredictionLogger).FullName).ToList();
        Assert.That(logged, Has.Count.EqualTo(6), "every second of 12 predictions");
        Assert.Multiple(() =>
        {
            Assert.That(logged[0].State["ModelName"], Is.EqualTo("autolog-wine"));
            Assert.That(logged[0].State["ModelVersion"], Is.EqualTo("3"));
            Assert.That(logged[0].State["Prediction"], Is.EqualTo("class_1"));
            Assert.That(logged[0].State["RequestId"], Is.EqualTo("req-1"));
            Assert.That(logged[^1].State["Prediction"], Is.EqualTo("13.5"));
        });
    }

    [Test]
    public void Disabled_prediction_logging_adds_no_component()
    {
        var services = new ServiceCollection();
        services.AddMlMonitoring(o =>
        {
            o.ResourceMetrics = false;
            o.PredictionLogging.Enabled = false;
            o.AddModel("autolog-off", "1");
        });
        using var provider = services.BuildServiceProvider();
        var model = provider.GetRequiredService<ModelMonitorRegistry>().GetModel("autolog-off");
        Assert.That(model.GetComponent<PredictionLogSink>(), Is.Null);
    }
}
