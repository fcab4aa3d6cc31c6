using Microsoft.ML.OnnxRuntime;
using MlObservability.OnnxRuntime;
using MlObservability.OnnxRuntime.ExecutionProviders;

namespace MlObservability.Sample.Service;

/// <summary>
/// One loaded version of the wine model: its instrumented ONNX Runtime session (own <c>ml.inference.*</c> series under
/// endpoint <c>onnx</c> and this version, so Prometheus sees which version served how many requests) and the count of
/// requests it served. The model router switches between instances of this class.
/// </summary>
public sealed class WineModelVersion : IDisposable
{
    private readonly InstrumentedInferenceSession _session;
    private readonly string[] _classNames;
    private long _served;

    /// <summary>Loads <paramref name="fileName"/> from the Data folder.</summary>
    /// <param name="version">The version label, as the router and the metrics name it.</param>
    /// <param name="fileName">The ONNX file in Data/.</param>
    public WineModelVersion(string version, string fileName)
    {
        Version = version;
        _session = InstrumentedInferenceSession.Create(
            Path.Combine(AppContext.BaseDirectory, "Data", fileName),
            new InstrumentedSessionOptions { ModelName = "wine", ModelVersion = version, Endpoint = "onnx", WarmUpRuns = 3 },
            ExecutionProviderRequest.Cpu);
        _classNames = [.. _session.Model.CustomMetadata["class_names"].Split(',')];
        Description = _session.Model.CustomMetadata.TryGetValue("training_subset", out string? subset) ? subset : "training split";
    }

    /// <summary>The version label.</summary>
    public string Version { get; }

    /// <summary>What the version was trained on, from the model's metadata.</summary>
    public string Description { get; }

    /// <summary>The execution provider actually running the model.</summary>
    public string ActiveProvider => _session.ActiveProvider;

    /// <summary>Requests this version answered.</summary>
    public long Served => Interlocked.Read(ref _served);

    /// <summary>Classifies one wine.</summary>
    /// <param name="requestId">The request id.</param>
    /// <param name="features">The 13 measurements.</param>
    /// <returns>The predicted cultivar and its probability.</returns>
    public WinePrediction Predict(string requestId, float[] features)
    {
        Interlocked.Increment(ref _served);
        float[] probabilities = new float[_classNames.Length];
        using (var input = OrtValue.CreateTensorValueFromMemory(features, [1, features.Length]))
        using (var output = OrtValue.CreateTensorValueFromMemory(probabilities, [1, probabilities.Length]))
        {
            _session.Run(null, ["features"], [input], ["probabilities"], [output]);
        }

        int best = 0;
        for (int i = 1; i < probabilities.Length; i++)
        {
            if (probabilities[i] > probabilities[best])
            {
                best = i;
            }
        }

        return new WinePrediction(requestId, _classNames[best], probabilities[best], probabilities);
    }

    /// <inheritdoc/>
    public void Dispose() => _session.Dispose();
}
