using MlObservability.Diagnostics;

namespace MlObservability.Drift;

/// <summary>
/// The baseline a <see cref="DriftMonitor"/> compares production traffic with: one <see cref="FeatureProfile"/> per
/// feature in the model's feature order, and optionally the reference distribution of the model's scores and predicted
/// classes. Built once from training data (<see cref="ReferenceProfileBuilder"/>, <see cref="FromCsv"/>), saved as JSON
/// (<see cref="Save"/>), and loaded at service start (<see cref="Load"/>). The JSON format is described in docs/drift.md.
/// </summary>
public sealed partial class ReferenceProfile
{
    /// <summary>The name under which the score profile is stored.</summary>
    public const string ScoreName = "__score";

    /// <summary>The name under which the predicted-class profile is stored.</summary>
    public const string PredictedClassName = "__predicted_class";

    internal ReferenceProfile(IReadOnlyList<FeatureProfile> features, FeatureProfile? score, FeatureProfile? predictedClass, long rowCount)
    {
        Features = features;
        Score = score;
        PredictedClass = predictedClass;
        RowCount = rowCount;
    }

    /// <summary>The feature profiles, in the model's feature order.</summary>
    public IReadOnlyList<FeatureProfile> Features { get; }

    /// <summary>The reference distribution of model scores, or <see langword="null"/> when not profiled (the monitor then
    /// takes the first production predictions as reference).</summary>
    public FeatureProfile? Score { get; }

    /// <summary>The reference distribution of predicted classes, or <see langword="null"/> when not profiled.</summary>
    public FeatureProfile? PredictedClass { get; }

    /// <summary>The number of training rows the profile was built from.</summary>
    public long RowCount { get; }

    /// <summary>The position of a feature, or -1 when there is none of that name.</summary>
    /// <param name="name">The feature name.</param>
    /// <returns>The index in <see cref="Features"/>.</returns>
    public int IndexOf(string name)
    {
        for (var i = 0; i < Features.Count; i++)
        {
            if (string.Equals(Features[i].Name, name, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Writes the profile as JSON.</summary>
    /// <param name="path">The file to (over)write.</param>
    public void Save(string path)
    {
        Guard.NotNullOrWhiteSpace(path);
        using var stream = File.Create(path);
        ReferenceProfileJson.Write(this, stream);
    }

    /// <summary>The profile as a JSON string.</summary>
    /// <returns>The JSON text.</returns>
    public string ToJson()
    {
        using var stream = new MemoryStream();
        ReferenceProfileJson.Write(this, stream);
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>Reads a profile written by <see cref="Save"/>.</summary>
    /// <param name="path">The JSON file.</param>
    /// <returns>The profile.</returns>
    /// <exception cref="InvalidDataException">The file is not a valid reference profile; the message names the file, the
    /// field (a JSON path such as <c>features[2].min</c>) and what is expected there.</exception>
    public static ReferenceProfile Load(string path)
    {
        Guard.NotNullOrWhiteSpace(path);
        using var stream = File.OpenRead(path);
        return ReferenceProfileJson.Read(stream, path);
    }

    /// <summary>Parses a profile from JSON text.</summary>
    /// <param name="json">The JSON text.</param>
    /// <returns>The profile.</returns>
    /// <exception cref="InvalidDataException">The text is not a valid reference profile.</exception>
    public static ReferenceProfile FromJson(string json)
    {
        Guard.NotNull(json);
        using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(json));
        return ReferenceProfileJson.Read(stream, "JSON text");
    }

    /// <summary>Builds a profile from a CSV file with a header row of feature names. Every column becomes a feature
    /// unless <paramref name="columns"/> selects some; empty, <c>NA</c>, <c>nan</c> or unparseable cells count as missing.
    /// Numbers use the invariant culture (a dot as decimal separator). Quoting follows RFC 4180 (a quoted field may hold
    /// separators, line breaks and doubled quotes), and the file is streamed: memory does not grow with its size.</summary>
    /// <param name="path">The CSV file.</param>
    /// <param name="options">Sample size, categorical features, seed.</param>
    /// <param name="columns">The columns to use, in the model's feature order; all columns when <see langword="null"/>.</param>
    /// <param name="separator">The field separator; a comma by default.</param>
    /// <returns>The profile.</returns>
    /// <exception cref="ArgumentException"><paramref name="columns"/> is empty.</exception>
    /// <exception cref="InvalidDataException">The file is empty, lacks a selected column, or has an unterminated quoted
    /// field or text after a closing quote; the message names the file and the line.</exception>
    public static ReferenceProfile FromCsv(string path, ReferenceProfileOptions? options = null, IReadOnlyList<string>? columns = null, char separator = ',')
    {
        Guard.NotNullOrWhiteSpace(path);
        if (columns is { Count: 0 })
        {
            throw new ArgumentException(
                "columns is empty: name the CSV columns to profile, in the model's feature order (for example "
                + "InstrumentedInferenceSession.FeatureNames), or pass null to use every column.", nameof(columns));
        }

        return ReferenceProfileCsv.Read(path, options, columns, separator);
    }
}
