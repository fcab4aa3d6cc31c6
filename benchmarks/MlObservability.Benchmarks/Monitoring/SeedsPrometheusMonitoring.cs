using System.Diagnostics;
using Prometheus;

namespace MlObservability.Benchmarks.Monitoring;

/// <summary>
/// The design documents' (seeds') monitoring written with prometheus-net, as a user would: labelled request counter,
/// latency histogram and in-flight gauge; a lock-protected window of feature rows (copied) for drift; a prediction
/// counter by class, a confidence histogram and a low-confidence counter; 10 % of predictions kept in a dictionary of
/// sampled predictions (under a lock, bounded) waiting for their label.
/// </summary>
internal sealed class SeedsPrometheusMonitoring
{
    private const int WindowRows = 1_000;
    private const int MaxPending = 100_000;
    private readonly object _windowGate = new();
    private readonly Queue<float[]> _window = new();
    private readonly object _pendingGate = new();
    private readonly Dictionary<string, (int Class, double Confidence, DateTime At)> _pending = [];
    private readonly Counter.Child _requests;
    private readonly Histogram.Child _duration;
    private readonly Gauge.Child _active;
    private readonly Counter _predictions;
    private readonly Histogram.Child _confidence;
    private readonly Counter.Child _lowConfidence;
    private readonly string _model;

    public SeedsPrometheusMonitoring(string model, string version, int features)
    {
        _ = features;
        _model = model;
        var factory = Metrics.WithCustomRegistry(Metrics.NewCustomRegistry());
        _requests = factory.CreateCounter("ml_inference_requests_total", "Requests.", "model_name", "model_version", "status").WithLabels(model, version, "success");
        _duration = factory.CreateHistogram("ml_inference_duration_seconds", "Latency.", new HistogramConfiguration
        {
            LabelNames = ["model_name", "model_version"],
            Buckets = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
        }).WithLabels(model, version);
        _active = factory.CreateGauge("ml_inference_active", "In flight.", "model_name", "model_version").WithLabels(model, version);
        _predictions = factory.CreateCounter("ml_predictions_by_class_total", "Predictions by class.", "model_name", "predicted_class");
        _confidence = factory.CreateHistogram("ml_prediction_confidence", "Confidence.", new HistogramConfiguration
        {
            LabelNames = ["model_name"],
            Buckets = [0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0],
        }).WithLabels(model);
        _lowConfidence = factory.CreateCounter("ml_low_confidence_predictions_total", "Low confidence.", "model_name", "threshold").WithLabels(model, "0.7");
    }

    public void Begin() => _active.Inc();

    public void RecordFeatures(float[] row)
    {
        var copy = (float[])row.Clone();
        lock (_windowGate)
        {
            _window.Enqueue(copy);
            if (_window.Count > WindowRows)
            {
                _window.Dequeue();
            }
        }
    }

    public void RecordClassification(int predictedClass, double confidence, string requestId)
    {
        _predictions.WithLabels(_model, predictedClass.ToString(System.Globalization.CultureInfo.InvariantCulture)).Inc();
        _confidence.Observe(confidence);
        if (confidence < 0.7)
        {
            _lowConfidence.Inc();
        }

        // 10 % by request id, deterministic (the seeds hash the id).
        if ((uint)requestId.GetHashCode() % 10 == 0)
        {
            lock (_pendingGate)
            {
                if (_pending.Count >= MaxPending)
                {
                    _pending.Clear();
                }

                _pending[requestId] = (predictedClass, confidence, DateTime.UtcNow);
            }
        }
    }

    public void End(long start)
    {
        _duration.Observe(Stopwatch.GetElapsedTime(start).TotalSeconds);
        _requests.Inc();
        _active.Dec();
    }
}
