namespace MlObservability.Instrumentation;

/// <summary>
/// A classification result that exposes its predicted label and confidence. When the result of an
/// <see cref="InstrumentedAttribute">[Instrumented]</see> method implements it, the generated decorator passes both to
/// the <see cref="IModelOutputSink"/> registered for the model in <see cref="ModelSinks"/>.
/// </summary>
public interface IPredictionResult
{
    /// <summary>The predicted label.</summary>
    string PredictedLabel { get; }

    /// <summary>The confidence (probability) of <see cref="PredictedLabel"/>, in [0, 1].</summary>
    double Confidence { get; }
}
