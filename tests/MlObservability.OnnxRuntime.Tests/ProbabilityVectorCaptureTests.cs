using System.Collections.Concurrent;
using Microsoft.ML.OnnxRuntime;

namespace MlObservability.OnnxRuntime.Tests;

/// <summary>Output capture hands a classifier's whole probability row (softmax of logits) to the sinks (issue #20, item 12).</summary>
public sealed class ProbabilityVectorCaptureTests
{
    [TestCase(OutputKind.Probabilities, "probabilities", false)]
    [TestCase(OutputKind.Logits, "logits", false)]
    [TestCase(OutputKind.Probabilities, "probabilities", true)]
    public void Each_row_reaches_the_sink_as_the_probability_vector_scikit_learn_computed(OutputKind kind, string output, bool labels)
    {
        var rows = TestModels.WineRows();
        var sink = new VectorSink();
        using var session = InstrumentedInferenceSession.Create(TestModels.WinePath, new InstrumentedSessionOptions
        {
            ModelName = "wine-vectors-" + Guid.NewGuid().ToString("N")[..8],
            Outputs = new OutputCaptureOptions { Sink = sink, Kind = kind, OutputName = output, ReportClassLabels = labels },
        });
        using var input = OrtValue.CreateTensorValueFromMemory(TestModels.Flatten(rows), [rows.Length, TestModels.WineFeatures]);
        using var results = session.Run(null, ["features"], [input], [output]);

        var captured = sink.Vectors.ToArray();
        Assert.Multiple(() =>
        {
            Assert.That(sink.ConfidenceCalls, Is.Zero, "a sink that takes vectors gets vectors");
            Assert.That(captured, Has.Length.EqualTo(rows.Length));
            for (int i = 0; i < rows.Length; i++)
            {
                Assert.That(captured[i].Class, Is.EqualTo(labels ? "class_" + rows[i].Predicted : "#" + rows[i].Predicted), $"class of row {i}");
                Assert.That(captured[i].Probabilities, Is.EqualTo(rows[i].Probabilities).Within(1e-5), $"probabilities of row {i}");
                Assert.That(captured[i].Probabilities.Sum(), Is.EqualTo(1.0).Within(1e-5), $"row {i} sums to 1");
            }
        });
    }

    /// <summary>Records the vector overloads; counts calls of the confidence overloads.</summary>
    private sealed class VectorSink : IModelOutputSink
    {
        private int _confidenceCalls;

        public ConcurrentQueue<(string Class, double[] Probabilities)> Vectors { get; } = new();

        public int ConfidenceCalls => Volatile.Read(ref _confidenceCalls);

        public void RecordClassification(int predictedClass, double confidence, string? requestId = null) => Interlocked.Increment(ref _confidenceCalls);

        public void RecordClassification(string predictedLabel, double confidence, string? requestId = null) => Interlocked.Increment(ref _confidenceCalls);

        public void RecordClassification(int predictedClass, ReadOnlySpan<double> probabilities, string? requestId = null) =>
            Vectors.Enqueue(("#" + predictedClass, probabilities.ToArray()));

        public void RecordClassification(string predictedLabel, ReadOnlySpan<double> probabilities, string? requestId = null) =>
            Vectors.Enqueue((predictedLabel, probabilities.ToArray()));

        public void RecordRegression(double value, string? requestId = null)
        {
        }
    }
}
