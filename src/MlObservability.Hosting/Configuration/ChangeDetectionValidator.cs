using System.Globalization;
using MlObservability.Drift;

namespace MlObservability.Hosting.Configuration;

/// <summary>
/// Startup checks of a model's multivariate, embedding, model-score and streaming settings (those that need no profile;
/// the profile-dependent ones fail when the model's detectors are created). Each failure names the key and the fix.
/// </summary>
internal static class ChangeDetectionValidator
{
    public static void Validate(ModelMonitorOptions model, string at, List<string> failures)
    {
        var drift = model.Drift;
        bool hasProfile = model.DriftReferencePath is { Length: > 0 };
        var reconstruction = drift.Reconstruction;
        if (reconstruction.Enabled == true && !hasProfile)
        {
            failures.Add($"{at}:Drift:Reconstruction:Enabled is true but {at}:DriftReferencePath is not set: the detector's baseline is the profile's reconstruction section; set the path or remove Enabled.");
        }

        if (reconstruction.WindowSize is { } window && window is < 1 or > 10_000_000)
        {
            failures.Add(Format($"{at}:Drift:Reconstruction:WindowSize must be between 1 and 10,000,000 rows (the profile's chunk size is the size its band describes); got {window}."));
        }

        if (reconstruction.MinimumRows is { } minimum && (minimum < 1 || (reconstruction.WindowSize is { } w && minimum > w)))
        {
            failures.Add(Format($"{at}:Drift:Reconstruction:MinimumRows must be at least 1 and at most WindowSize; got {minimum}."));
        }

        if (reconstruction.ThresholdStandardDeviations is { } k && !(k > 0 && double.IsFinite(k)))
        {
            failures.Add(Format($"{at}:Drift:Reconstruction:ThresholdStandardDeviations must be a positive number of standard deviations (3 is NannyML's default); got {k}."));
        }

        CheckSeverity(reconstruction.Severity, $"{at}:Drift:Reconstruction:Severity", failures);
        foreach (var (name, embedding) in drift.Embeddings)
        {
            if (!hasProfile)
            {
                failures.Add($"{at}:Drift:Embeddings:{name} is set but {at}:DriftReferencePath is not: embedding baselines live in the reference profile; set the path or remove the setting.");
            }

            if (embedding.MinimumRows is { } rows && rows < 2)
            {
                failures.Add(Format($"{at}:Drift:Embeddings:{name}:MinimumRows must be at least 2 (and at most the profile's window size); got {rows}."));
            }

            CheckSeverity(embedding.Severity, $"{at}:Drift:Embeddings:{name}:Severity", failures);
        }

        ValidateImportances(model, at, hasProfile, failures);
        ValidateStreaming(model, at, failures);
    }

    private static void ValidateImportances(ModelMonitorOptions model, string at, bool hasProfile, List<string> failures)
    {
        var drift = model.Drift;
        if (drift.FeatureImportances.Count > 0 && !hasProfile)
        {
            failures.Add($"{at}:Drift:FeatureImportances is set but {at}:DriftReferencePath is not: the model drift score weights per-feature drift results; set the path or remove the importances.");
        }

        foreach (var (feature, weight) in drift.FeatureImportances)
        {
            if (!(weight >= 0) || !double.IsFinite(weight))
            {
                failures.Add(Format($"{at}:Drift:FeatureImportances:{feature} must be a finite, non-negative number (mean |SHAP| from training, say); got {weight}."));
            }
        }

        if (drift.FeatureImportances.Count > 0 && !drift.FeatureImportances.Values.Any(w => w > 0))
        {
            failures.Add($"{at}:Drift:FeatureImportances: at least one importance must be positive, or the score has nothing to weigh.");
        }

        if (drift.ModelScoreMethod is not (DriftMethod.KolmogorovSmirnov or DriftMethod.Psi or DriftMethod.JensenShannon or DriftMethod.Wasserstein or DriftMethod.ChiSquare))
        {
            failures.Add($"{at}:Drift:ModelScoreMethod must be one test (KolmogorovSmirnov, Psi, JensenShannon, Wasserstein or ChiSquare); got {drift.ModelScoreMethod}.");
        }
    }

    private static void ValidateStreaming(ModelMonitorOptions model, string at, List<string> failures)
    {
        var streaming = model.Streaming;
        if (streaming.QueueCapacity is < 2 or > (1 << 26))
        {
            failures.Add(Format($"{at}:Streaming:QueueCapacity must be between 2 and 67,108,864 values; got {streaming.QueueCapacity}."));
        }

        CheckSeverity(streaming.ChangeSeverity, $"{at}:Streaming:ChangeSeverity", failures);
        ValidateSequential(streaming.Confidence, $"{at}:Streaming:Confidence", failures);
        ValidateSequential(streaming.Latency, $"{at}:Streaming:Latency", failures);
        var errors = streaming.Errors;
        if (!errors.Enabled)
        {
            return;
        }

        if (!model.Quality.Enabled)
        {
            failures.Add($"{at}:Streaming:Errors:Enabled is true but {at}:Quality:Enabled is false: the error stream is fed as labels join in the quality monitor; enable quality or disable the error stream.");
        }

        if (!(errors.Delta > 0 && errors.Delta < 1))
        {
            failures.Add(Format($"{at}:Streaming:Errors:Delta must be in (0, 1) (0.002 is the MOA and river default); got {errors.Delta}."));
        }

        if (errors.MaxBuckets is < 2 or > 64 || errors.Clock is < 1 or > 1_000_000)
        {
            failures.Add(Format($"{at}:Streaming:Errors: MaxBuckets must be between 2 and 64 and Clock between 1 and 1,000,000 updates; got {errors.MaxBuckets} and {errors.Clock}."));
        }
    }

    private static void ValidateSequential(SequentialStreamOptions stream, string at, List<string> failures)
    {
        if (!stream.Enabled)
        {
            return;
        }

        if (!Enum.IsDefined(stream.Detector))
        {
            failures.Add($"{at}:Detector must be PageHinkley or Cusum; got {stream.Detector}.");
        }

        foreach (var (setting, problem) in stream.Problems())
        {
            failures.Add($"{at}:{setting} {problem}");
        }
    }

    private static void CheckSeverity(Severity severity, string key, List<string> failures)
    {
        if (severity is < Severity.Info or > Severity.Critical)
        {
            failures.Add($"{key} must be Info, Warning or Critical; got {severity}.");
        }
    }

    private static string Format(FormattableString message) => message.ToString(CultureInfo.InvariantCulture);
}
