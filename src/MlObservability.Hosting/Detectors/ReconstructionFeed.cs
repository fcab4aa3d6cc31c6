using System.Buffers;
using System.Numerics;
using MlObservability.Drift.Multivariate;

namespace MlObservability.Hosting.Detectors;

/// <summary>
/// Routes the model's rows to its <see cref="ReconstructionDriftDetector"/>: rows come in the drift profile's feature
/// order; the detector takes its own features (the numeric ones it was fitted on) in its order. When the two orders agree
/// the row is passed as is; otherwise the detector's columns are gathered into a stack buffer. Lock-free,
/// allocation-free, never throws; a row of the wrong width goes to the detector as is, which counts it.
/// </summary>
internal sealed class ReconstructionFeed : IModelInputSink, IMonitoringEvaluator, IDisposable
{
    private const int StackLimit = 256;
    private readonly int[]? _columns;
    private readonly int _modelWidth;

    /// <summary>Creates the feed.</summary>
    /// <param name="detector">The detector, owned by the feed.</param>
    /// <param name="columns">For each of the detector's features, its index in the model's row; <see langword="null"/> when the orders agree.</param>
    /// <param name="modelWidth">The width of the model's rows.</param>
    public ReconstructionFeed(ReconstructionDriftDetector detector, int[]? columns, int modelWidth)
    {
        Detector = detector;
        _columns = columns;
        _modelWidth = modelWidth;
    }

    public ReconstructionDriftDetector Detector { get; }

    public string EvaluatorName => Detector.EvaluatorName;

    /// <summary>The index of each of <paramref name="detectorFeatures"/> in <paramref name="modelFeatures"/>;
    /// <see langword="null"/> when they are the same list.</summary>
    /// <exception cref="InvalidOperationException">A detector feature is not a model feature; the message names it.</exception>
    public static int[]? Columns(IReadOnlyList<string> detectorFeatures, IReadOnlyList<string> modelFeatures, string setting)
    {
        if (detectorFeatures.SequenceEqual(modelFeatures, StringComparer.Ordinal))
        {
            return null;
        }

        var columns = new int[detectorFeatures.Count];
        for (int i = 0; i < columns.Length; i++)
        {
            columns[i] = IndexOf(modelFeatures, detectorFeatures[i]);
            if (columns[i] < 0)
            {
                throw new InvalidOperationException(
                    $"{setting}: the profile's reconstruction baseline uses feature '{detectorFeatures[i]}', which is not among the profile's features [{string.Join(", ", modelFeatures)}]: rebuild the profile so both describe the same rows.");
            }
        }

        return columns;
    }

    public void RecordFeatures(ReadOnlySpan<double> features)
    {
        if (_columns is null || features.Length != _modelWidth)
        {
            Detector.Record(features);
            return;
        }

        RecordGathered(features, _columns);
    }

    public void RecordFeatures(ReadOnlySpan<float> features)
    {
        if (_columns is null || features.Length != _modelWidth)
        {
            Detector.Record(features);
            return;
        }

        RecordGathered(features, _columns);
    }

    public void Evaluate(DateTimeOffset now) => Detector.Evaluate(now);

    public void Dispose() => Detector.Dispose();

    /// <summary>Gathers the detector's columns of a model row, in the detector's order, and records them.</summary>
    private void RecordGathered<T>(ReadOnlySpan<T> features, int[] columns)
        where T : struct, INumberBase<T>
    {
        double[]? rented = null;
        Span<double> row = columns.Length <= StackLimit ? stackalloc double[columns.Length] : (rented = ArrayPool<double>.Shared.Rent(columns.Length));
        row = row[..columns.Length];
        for (int i = 0; i < columns.Length; i++)
        {
            row[i] = double.CreateTruncating(features[columns[i]]);
        }

        Detector.Record(row);
        if (rented is not null)
        {
            ArrayPool<double>.Shared.Return(rented);
        }
    }

    private static int IndexOf(IReadOnlyList<string> names, string name)
    {
        for (int i = 0; i < names.Count; i++)
        {
            if (string.Equals(names[i], name, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }
}
