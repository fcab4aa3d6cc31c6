using System.Diagnostics.Metrics;
using MlObservability.Cardinality;

namespace MlObservability.OnnxRuntime;

/// <summary>The process-wide instruments of instrumented sessions, on the adapter's meter; created once.</summary>
internal static class SessionInstruments
{
    internal static readonly InstanceRegistry<InstrumentedInferenceSession> Live = new();

    internal static readonly ObservableGauge<int> ModelInfo = OnnxRuntimeTelemetry.Meter.CreateObservableGauge(
        "ml.onnx.model.info", ObserveInfo, "{model}",
        "Always 1; the tags describe the model a session serves (producer, graph, metadata version, execution provider, custom metadata).");

    internal static readonly ObservableGauge<double> CreationDuration = OnnxRuntimeTelemetry.Meter.CreateObservableGauge(
        "ml.onnx.session.creation.duration", () => Observe(s => s.CreationTime), "s",
        "Time taken to load the model and create the ONNX Runtime session.");

    internal static readonly ObservableGauge<double> WarmUpDuration = OnnxRuntimeTelemetry.Meter.CreateObservableGauge(
        "ml.onnx.session.warmup.duration", () => Observe(s => s.WarmUpTime), "s",
        "Total time of the warm-up runs made after the session was created.");

    internal static readonly ObservableCounter<long> CapturedRows = OnnxRuntimeTelemetry.Meter.CreateObservableCounter(
        "ml.onnx.capture.rows", ObserveCaptured, "{row}",
        "Rows handed to the drift monitor (ml.onnx.capture=features) and the quality module (ml.onnx.capture=outputs).");

    internal static readonly ObservableCounter<long> SkippedCaptures = OnnxRuntimeTelemetry.Meter.CreateObservableCounter(
        "ml.onnx.capture.skipped", ObserveSkipped, "{run}",
        "Runs whose features or outputs could not be captured (tensor shape did not match, output not requested, device memory).");

    private static IEnumerable<Measurement<int>> ObserveInfo()
    {
        foreach (var session in Live.Items)
        {
            yield return new Measurement<int>(1, session.InfoTags);
        }
    }

    private static IEnumerable<Measurement<double>> Observe(Func<InstrumentedInferenceSession, TimeSpan?> value)
    {
        foreach (var session in Live.Items)
        {
            if (value(session) is { } time)
            {
                yield return new Measurement<double>(time.TotalSeconds, session.SessionTags);
            }
        }
    }

    private static IEnumerable<Measurement<long>> ObserveCaptured()
    {
        foreach (var session in Live.Items)
        {
            if (session.FeatureCapture is { } features)
            {
                yield return new Measurement<long>(features.CapturedRows, session.FeatureCaptureTags);
            }

            if (session.OutputCapture is { } outputs)
            {
                yield return new Measurement<long>(outputs.CapturedRows, session.OutputCaptureTags);
            }
        }
    }

    private static IEnumerable<Measurement<long>> ObserveSkipped()
    {
        foreach (var session in Live.Items)
        {
            if (session.FeatureCapture is { } features)
            {
                yield return new Measurement<long>(features.SkippedRuns, session.FeatureCaptureTags);
            }

            if (session.OutputCapture is { } outputs)
            {
                yield return new Measurement<long>(outputs.SkippedRuns + session.OutputSkipsOutsideCapture, session.OutputCaptureTags);
            }
        }
    }
}
