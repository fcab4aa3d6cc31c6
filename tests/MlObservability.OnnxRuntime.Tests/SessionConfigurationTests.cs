namespace MlObservability.OnnxRuntime.Tests;

/// <summary>Configuration that does not fit the model fails at creation with a message that says what to fix.</summary>
public sealed class SessionConfigurationTests
{
    private static InstrumentedInferenceSession Create(InstrumentedSessionOptions options) =>
        InstrumentedInferenceSession.Create(TestModels.WinePath, options);

    [Test]
    public void Unknown_input_name_is_rejected() =>
        Assert.That(
            () => Create(new() { Features = new() { Sink = new RecordingInputSink(), InputName = "pixels" } }),
            Throws.ArgumentException.With.Message.Contains("no input named 'pixels'").And.Message.Contains("features"));

    [Test]
    public void Feature_name_count_must_match_the_input_width() =>
        Assert.That(
            () => Create(new() { Features = new() { Sink = new RecordingInputSink(), FeatureNames = ["a", "b"] } }),
            Throws.ArgumentException.With.Message.Contains("13 features per row but 2 feature names"));

    [Test]
    public void Unknown_output_name_is_rejected() =>
        Assert.That(
            () => Create(new() { Outputs = new() { Sink = new RecordingOutputSink(), OutputName = "scores" } }),
            Throws.ArgumentException.With.Message.Contains("no output named 'scores'"));

    [Test]
    public void Regression_on_a_three_column_output_is_rejected() =>
        Assert.That(
            () => Create(new() { Outputs = new() { Sink = new RecordingOutputSink(), Kind = OutputKind.Regression } }),
            Throws.ArgumentException.With.Message.Contains("3 values per row"));

    [Test]
    public void Class_name_count_must_match_the_output_width() =>
        Assert.That(
            () => Create(new() { Outputs = new() { Sink = new RecordingOutputSink(), ClassNames = ["x", "y"] } }),
            Throws.ArgumentException.With.Message.Contains("3 classes but 2 class names"));

    [Test]
    public void Labels_need_class_names() =>
        Assert.That(
            () => Create(new() { Outputs = new() { Sink = new RecordingOutputSink(), ReportClassLabels = true, ClassNamesMetadataKey = "labels" } }),
            Throws.ArgumentException.With.Message.Contains("ReportClassLabels needs class names"));

    [Test]
    public void Classification_on_a_single_column_output_is_rejected()
    {
        var exception = Assert.Throws<ArgumentException>(() => InstrumentedInferenceSession.Create(TestModels.DiabetesPath, new()
        {
            Outputs = new() { Sink = new RecordingOutputSink(), Kind = OutputKind.Probabilities },
        }));
        Assert.That(exception!.Message, Does.Contain("one value per row"));
    }

    [Test]
    public void Sampling_rate_must_be_positive() =>
        Assert.That(() => Create(new() { CaptureEveryNthRow = 0 }), Throws.InstanceOf<ArgumentOutOfRangeException>());
}
