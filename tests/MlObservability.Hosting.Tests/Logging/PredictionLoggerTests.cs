using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MlObservability.Hosting.Logging;
using MlObservability.Hosting.Tests.Support;

namespace MlObservability.Hosting.Tests.Logging;

public sealed class PredictionLoggerTests
{
    private static (PredictionLogger Logger, CapturingLoggerProvider Sink, ServiceProvider Provider) Create(double rate, bool includeFeatures = false, int maxFeatures = 64)
    {
        var sink = new CapturingLoggerProvider();
        var services = new ServiceCollection();
        services.AddLogging(b => b.AddProvider(sink).SetMinimumLevel(LogLevel.Information));
        services.AddMlMonitoring(o =>
        {
            o.PredictionLogging.SampleRate = rate;
            o.PredictionLogging.IncludeFeatures = includeFeatures;
            o.PredictionLogging.MaxLoggedFeatures = maxFeatures;
        });
        var provider = services.BuildServiceProvider();
        return (provider.GetRequiredService<PredictionLogger>(), sink, provider);
    }

    [Test]
    public void Logs_structured_fields_without_features_by_default()
    {
        var (logger, sink, provider) = Create(rate: 1);
        using (provider)
        {
            logger.LogPrediction("fraud", "3", 1, 0.93, 0.012, [1.5f, 2.5f], "req-7");
        }

        var entry = sink.Entries.Single();
        Assert.Multiple(() =>
        {
            Assert.That(entry.Category, Is.EqualTo(typeof(PredictionLogger).FullName));
            Assert.That(entry.EventId.Id, Is.EqualTo(1));
            Assert.That(entry.Level, Is.EqualTo(LogLevel.Information));
            Assert.That(entry.State["ModelName"], Is.EqualTo("fraud"));
            Assert.That(entry.State["ModelVersion"], Is.EqualTo("3"));
            Assert.That(entry.State["Prediction"], Is.EqualTo("1"));
            Assert.That(entry.State["Confidence"], Is.EqualTo(0.93));
            Assert.That((double)entry.State["DurationMs"]!, Is.EqualTo(12).Within(1e-9));
            Assert.That(entry.State["RequestId"], Is.EqualTo("req-7"));
            Assert.That(entry.State.ContainsKey("Features"), Is.False, "features are personal data until the user opts in");
            Assert.That(entry.Message, Does.Not.Contain("1.5"));
        });
    }

    [Test]
    public void Features_are_logged_only_with_the_explicit_opt_in_and_truncated()
    {
        var (logger, sink, provider) = Create(rate: 1, includeFeatures: true, maxFeatures: 2);
        using (provider)
        {
            logger.LogPrediction("fraud", "3", "legit", 0.7, 0.001, [1.5f, 2.25f, 3f, 4f]);
        }

        var entry = sink.Entries.Single();
        Assert.Multiple(() =>
        {
            Assert.That(entry.EventId.Id, Is.EqualTo(2));
            Assert.That(entry.State["Features"], Is.EqualTo("[1.5, 2.25, ... +2 more]"));
            Assert.That(entry.State["Prediction"], Is.EqualTo("legit"));
        });
    }

    [TestCase(0.25, 100, 25)]
    [TestCase(0.01, 1000, 10)]
    [TestCase(0.0, 50, 0)]
    [TestCase(1.0, 7, 7)]
    public void Samples_every_nth_prediction(double rate, int offered, int expected)
    {
        var (logger, sink, provider) = Create(rate);
        int returnedTrue = 0;
        using (provider)
        {
            for (int i = 0; i < offered; i++)
            {
                returnedTrue += logger.LogPrediction("fraud", "3", i % 2, 0.5, 0.01) ? 1 : 0;
            }
        }

        Assert.Multiple(() =>
        {
            Assert.That(sink.Entries, Has.Count.EqualTo(expected));
            Assert.That(returnedTrue, Is.EqualTo(expected));
            Assert.That(logger.Logged, Is.EqualTo(expected));
            Assert.That(logger.Seen, Is.EqualTo(offered));
        });
    }

    [Test]
    public void Threads_offering_at_once_are_all_counted_and_sampled_at_the_rate()
    {
        const int threads = 4, offers = 10_000;
        var (logger, sink, provider) = Create(0.1);
        using (provider)
        {
            using var start = new Barrier(threads);
            var workers = Enumerable.Range(0, threads).Select(_ => new Thread(() =>
            {
                start.SignalAndWait();
                for (var i = 0; i < offers; i++)
                {
                    logger.LogPrediction("fraud", "3", 1, 0.5, 0.01);
                }
            })).ToArray();
            foreach (var worker in workers)
            {
                worker.Start();
            }

            foreach (var worker in workers)
            {
                worker.Join();
            }
        }

        // Every n-th per stripe: each stripe logs floor(its offers × rate), so the total is at most one short per stripe.
        var stripes = (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)Math.Clamp(Environment.ProcessorCount, 1, 64));
        Assert.Multiple(() =>
        {
            Assert.That(logger.Seen, Is.EqualTo(threads * offers));
            Assert.That(logger.Logged, Is.InRange((threads * offers / 10) - stripes, threads * offers / 10));
            Assert.That(sink.Entries, Has.Count.EqualTo((int)logger.Logged));
        });
    }

    [Test]
    public void Nothing_is_counted_or_logged_when_disabled()
    {
        var sink = new CapturingLoggerProvider();
        var services = new ServiceCollection();
        services.AddLogging(b => b.AddProvider(sink));
        services.AddMlMonitoring(o =>
        {
            o.PredictionLogging.Enabled = false;
            o.PredictionLogging.SampleRate = 1;
        });
        using var provider = services.BuildServiceProvider();
        var logger = provider.GetRequiredService<PredictionLogger>();

        Assert.Multiple(() =>
        {
            Assert.That(logger.LogPrediction("fraud", "3", 1, 0.9, 0.01), Is.False);
            Assert.That(sink.Entries, Is.Empty);
        });
    }
}
