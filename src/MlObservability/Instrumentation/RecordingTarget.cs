namespace MlObservability.Instrumentation;

/// <summary>A model name, version and endpoint that something in the process records for (a decorator, a session).</summary>
/// <param name="Source">What records: <c>[Instrumented] IFraudModel.Predict</c>, <c>ONNX session</c>.</param>
/// <param name="ModelName">The model name it records under.</param>
/// <param name="ModelVersion">The model version it records under; empty when unknown.</param>
/// <param name="Endpoint">The endpoint it records under; empty when unknown.</param>
internal sealed record RecordingTarget(string Source, string ModelName, string ModelVersion, string Endpoint);
