namespace MlObservability.Sample.Service;

/// <summary>
/// Runs the wine MLP (trained on the training split by Data/build_sample_model.py) through an instrumented ONNX Runtime
/// session (its own <c>ml.inference.*</c> series under endpoint <c>onnx</c>: raw model latency and batch size), or
/// whichever version the model router serves now (<see cref="WineModelRouting"/>). The <c>[Instrumented]</c> decorator
/// around this class captures the features, the prediction and its request id; this class only does the inference.
/// </summary>
/// <param name="degradation">The simulation's switch for an injected latency regression.</param>
/// <param name="routing">The model versions and their router.</param>
public sealed class WineClassifier(ServiceDegradation degradation, WineModelRouting routing) : IWineClassifier
{
    /// <summary>The execution provider actually running the active version.</summary>
    public string ActiveProvider => routing.Router.Active.Model.ActiveProvider;

    /// <inheritdoc/>
    public async ValueTask<WinePrediction> PredictAsync(string requestId, float[] features, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(features);
        if (features.Length != 13)
        {
            throw new ArgumentException($"Expected 13 features, got {features.Length}.", nameof(features));
        }

        // One read of the router: the whole request runs on the version active now, even if a switch happens meanwhile.
        var version = routing.Router.Active.Model;
        if (degradation.ExtraLatency > TimeSpan.Zero)
        {
            await Task.Delay(degradation.ExtraLatency, cancellationToken).ConfigureAwait(false);
        }

        return version.Predict(requestId, features);
    }
}
