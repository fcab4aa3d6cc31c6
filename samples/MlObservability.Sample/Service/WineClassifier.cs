using MlObservability.OnnxRuntime.ExecutionProviders;
using Microsoft.ML.OnnxRuntime;
using MlObservability.OnnxRuntime;

namespace MlObservability.Sample.Service;

/// <summary>
/// Runs the wine MLP (trained on the training split by Data/build_sample_model.py) through an instrumented ONNX Runtime session (its own <c>ml.inference.*</c> series under endpoint
/// <c>onnx</c>: raw model latency and batch size). The <c>[Instrumented]</c> decorator around this class captures the
/// features, the prediction and its request id; this class only does the inference.
/// </summary>
public sealed class WineClassifier : IWineClassifier, IDisposable
{
    private readonly InstrumentedInferenceSession _session;
    private readonly ServiceDegradation _degradation;
    private readonly string[] _classNames;

    /// <summary>Loads the model.</summary>
    /// <param name="degradation">The simulation's switch for an injected latency regression.</param>
    public WineClassifier(ServiceDegradation degradation)
    {
        _degradation = degradation;
        _session = InstrumentedInferenceSession.Create(
            Path.Combine(AppContext.BaseDirectory, "Data", "wine_sample_mlp.onnx"),
            new InstrumentedSessionOptions { ModelName = "wine", ModelVersion = "3", Endpoint = "onnx", WarmUpRuns = 3 },
            ExecutionProviderRequest.Cpu);
        _classNames = [.. _session.Model.CustomMetadata["class_names"].Split(',')];
    }

    /// <summary>The execution provider actually running the model.</summary>
    public string ActiveProvider => _session.ActiveProvider;

    /// <inheritdoc/>
    public async ValueTask<WinePrediction> PredictAsync(string requestId, float[] features, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(features);
        if (features.Length != 13)
        {
            throw new ArgumentException($"Expected 13 features, got {features.Length}.", nameof(features));
        }

        if (_degradation.ExtraLatency > TimeSpan.Zero)
        {
            await Task.Delay(_degradation.ExtraLatency, cancellationToken).ConfigureAwait(false);
        }

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
