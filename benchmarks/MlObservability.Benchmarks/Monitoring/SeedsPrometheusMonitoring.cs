using System.Diagnostics;
using System.Globalization;
using Prometheus;

namespace MlObservability.Benchmarks.Monitoring;

/// <summary>
/// The design documents' (seeds', /work/shared/seeds) per-request monitoring written with prometheus-net, line by line
/// as a C# user would translate it: every metric's labelled child looked up per call (the seeds call
/// <c>.labels(...)</c> on every request), and nothing the seeds do per request left out except the inline KS evaluation
/// when a drift window fills (not part of our measured path either). Which seed line each step follows is in the
/// comments and in docs/benchmarks.md ("The seeds' approach, faithfully").
/// </summary>
internal sealed class SeedsPrometheusMonitoring
{
    private const int WindowSize = 1_000; // DataDriftDetector(window_size=1000)
    private const double SamplingRate = 0.1; // GroundTruthSampler(sampling_rate=0.1)
    private const int MaxPending = 100_000; // the seed's list is unbounded; bounded here so the benchmark's memory is
    private readonly object _windowGate = new();
    private readonly List<double>[] _window;
    private readonly object _pendingGate = new();
    private readonly Dictionary<string, (int Class, double Confidence, double Timestamp)> _predictions = [];
    private readonly Counter _requestCount;
    private readonly Gauge _inProgress;
    private readonly Histogram _requestLatency;
    private readonly Histogram _batchSize;
    private readonly Histogram _featureValue;
    private readonly Counter _predictionCount;
    private readonly Histogram _confidence;
    private readonly Counter _lowConfidence;
    private readonly string[] _featureNames;
    private readonly string _model;
    private readonly string _version;

    public SeedsPrometheusMonitoring(string model, string version, int features)
    {
        _model = model;
        _version = version;
        _featureNames = [.. Enumerable.Range(0, features).Select(i => $"feature_{i}")];
        _window = [.. Enumerable.Range(0, features).Select(_ => new List<double>(WindowSize))];
        var factory = Metrics.WithCustomRegistry(Metrics.NewCustomRegistry());

        // Seed 001, section 1 (monitor_ml_endpoint): REQUEST_COUNT, IN_PROGRESS, REQUEST_LATENCY.
        _requestCount = factory.CreateCounter("ml_requests_total", "Total ML inference requests", "model_name", "endpoint", "model_version");
        _inProgress = factory.CreateGauge("ml_requests_in_progress", "ML inference requests currently being processed", "model_name");
        _requestLatency = factory.CreateHistogram("ml_request_latency_seconds", "ML inference latency", new HistogramConfiguration
        {
            LabelNames = ["model_name", "endpoint"],
            Buckets = [0.01, 0.05, 0.1, 0.5, 1.0, 2.0, 5.0, 10.0],
        });

        // Seed 002 (record_inference): inference_batch_size.labels(model_name, model_version).observe(batch_size).
        _batchSize = factory.CreateHistogram("ml_inference_batch_size", "Inference batch size", new HistogramConfiguration
        {
            LabelNames = ["model_name", "model_version"],
            Buckets = [1, 2, 4, 8, 16, 32, 64, 128],
        });

        // Seed 003 (Feature metrics): FEATURE_VALUE histogram by feature_name, buckets np.linspace(0, 1, 11).
        _featureValue = factory.CreateHistogram("ml_feature_value", "Feature value distribution", new HistogramConfiguration
        {
            LabelNames = ["feature_name"],
            Buckets = [0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0],
        });

        // Seed 001, section 2: PREDICTION_COUNT, CONFIDENCE_HISTOGRAM, LOW_CONFIDENCE_COUNT.
        _predictionCount = factory.CreateCounter("ml_predictions_by_class", "Total predictions by class label", "model_name", "predicted_class");
        _confidence = factory.CreateHistogram("ml_prediction_confidence", "Model prediction confidence scores", new HistogramConfiguration
        {
            LabelNames = ["model_name"],
            Buckets = [0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0],
        });
        _lowConfidence = factory.CreateCounter("ml_low_confidence_predictions", "Predictions below confidence threshold", "model_name", "threshold");
    }

    /// <summary>Seed 001 wrapper(): REQUEST_COUNT.labels(...).inc(); IN_PROGRESS.labels(...).inc().</summary>
    public void Begin()
    {
        _requestCount.WithLabels(_model, "/predict", _version).Inc();
        _inProgress.WithLabels(_model).Inc();
    }

    /// <summary>Seed 003 predict(): FEATURE_VALUE.labels(feature_name=...).observe(value) for every feature; seed 001
    /// DataDriftDetector.add_sample: the value appended to its feature's window list, the window reset when full (the
    /// seed then runs ks_2samp per feature inline; left out, see the class summary). A lock stands in for the GIL.</summary>
    public void RecordFeatures(float[] row)
    {
        for (var i = 0; i < row.Length; i++)
        {
            _featureValue.WithLabels(_featureNames[i]).Observe(row[i]);
        }

        lock (_windowGate)
        {
            for (var i = 0; i < row.Length; i++)
            {
                _window[i].Add(row[i]);
            }

            if (_window[0].Count >= WindowSize)
            {
                foreach (var column in _window)
                {
                    column.Clear();
                }
            }
        }
    }

    /// <summary>Seed 001 track_prediction, track_confidence (threshold 0.7) and GroundTruthSampler.sample_prediction
    /// (random.random() &lt; 0.1: the prediction kept with its request id and timestamp until its label comes).</summary>
    public void RecordClassification(int predictedClass, double confidence, string requestId)
    {
        _predictionCount.WithLabels(_model, predictedClass.ToString(CultureInfo.InvariantCulture)).Inc();
        _confidence.WithLabels(_model).Observe(confidence);
        if (confidence < 0.7)
        {
            _lowConfidence.WithLabels(_model, "0.7").Inc();
        }

        if (Random.Shared.NextDouble() < SamplingRate)
        {
            lock (_pendingGate)
            {
                if (_predictions.Count >= MaxPending)
                {
                    _predictions.Clear();
                }

                _predictions[requestId] = (predictedClass, confidence, DateTime.UtcNow.Ticks / 1e7);
            }
        }
    }

    /// <summary>Seed 001 wrapper(): REQUEST_LATENCY.labels(...).observe(elapsed); finally IN_PROGRESS.labels(...).dec();
    /// seed 002: the batch size.</summary>
    public void End(long start)
    {
        _requestLatency.WithLabels(_model, "/predict").Observe(Stopwatch.GetElapsedTime(start).TotalSeconds);
        _batchSize.WithLabels(_model, _version).Observe(1);
        _inProgress.WithLabels(_model).Dec();
    }
}
