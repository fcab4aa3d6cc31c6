using MlObservability.Instrumentation;

namespace MlObservability.Sample.Service;

/// <summary>
/// The model service. <c>[Instrumented]</c> makes the source generator write a decorator that records RED metrics and a
/// span for every call, feeds the <c>[FeatureVector]</c> row to the model's drift monitor, and the predicted label and
/// confidence (<see cref="IPredictionResult"/>) with the <c>[RequestId]</c> to its quality monitor, so late labels join.
/// Model name, version and endpoint match the <c>MlMonitoring</c> configuration, so the decorator records into the
/// metrics the SLO tracker and alert rules watch.
/// </summary>
[Instrumented("wine", ModelVersion = "3", Endpoint = "predict")]
public interface IWineClassifier
{
    /// <summary>Classifies one wine.</summary>
    /// <param name="requestId">The request id; ground-truth labels arrive later under it.</param>
    /// <param name="features">The 13 chemical measurements, in the model's feature order.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The predicted cultivar and its probability.</returns>
    ValueTask<WinePrediction> PredictAsync([RequestId] string requestId, [FeatureVector] float[] features, CancellationToken cancellationToken);
}
