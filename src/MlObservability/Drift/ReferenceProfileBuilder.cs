using MlObservability.Diagnostics;

namespace MlObservability.Drift;

/// <summary>
/// Builds a <see cref="ReferenceProfile"/> from training data in one pass and bounded memory: add rows in the model's
/// feature order (and, optionally, the model's reference outputs), then call <see cref="Build"/>.
/// Not thread-safe; meant for an offline job or a service's startup.
/// </summary>
public sealed class ReferenceProfileBuilder
{
    private readonly FeatureProfileBuilder[] _features;
    private readonly FeatureProfileBuilder _score;
    private readonly FeatureProfileBuilder _class;
    private readonly string[] _names;
    private long _rows;
    private long _scores;
    private long _classes;

    /// <summary>Starts a profile for the given features, in the model's feature order.</summary>
    /// <param name="featureNames">The feature names, distinct and non-empty.</param>
    /// <param name="options">Sample size, categorical features, seed; defaults when <see langword="null"/>.</param>
    /// <exception cref="ArgumentException">A name is empty or repeated, or a categorical feature is not among the names.</exception>
    public ReferenceProfileBuilder(IReadOnlyList<string> featureNames, ReferenceProfileOptions? options = null)
    {
        Guard.NotNull(featureNames);
        options ??= new ReferenceProfileOptions();
        Guard.InRange(options.SampleSize, 1, 10_000_000);
        Guard.InRange(options.MaxCategories, 1, 1_000_000);
        if (featureNames.Count == 0)
        {
            throw new ArgumentException("A reference profile needs at least one feature name.", nameof(featureNames));
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in featureNames)
        {
            Guard.NotNullOrWhiteSpace(name, "feature name");
            if (!seen.Add(name))
            {
                throw new ArgumentException($"Feature '{name}' appears twice in the feature names; names must be distinct.", nameof(featureNames));
            }
        }

        foreach (var categorical in options.CategoricalFeatures)
        {
            if (!seen.Contains(categorical))
            {
                throw new ArgumentException($"Categorical feature '{categorical}' is not one of the feature names ({string.Join(", ", featureNames)}).", nameof(options));
            }
        }

        _names = [.. featureNames];
        _features = new FeatureProfileBuilder[_names.Length];
        for (var i = 0; i < _names.Length; i++)
        {
            var kind = options.CategoricalFeatures.Contains(_names[i]) ? FeatureKind.Categorical : FeatureKind.Numeric;
            _features[i] = new FeatureProfileBuilder(_names[i], kind, options.SampleSize, options.MaxCategories, options.Seed + i);
        }

        _score = new FeatureProfileBuilder(ReferenceProfile.ScoreName, FeatureKind.Numeric, options.SampleSize, options.MaxCategories, options.Seed - 1);
        _class = new FeatureProfileBuilder(ReferenceProfile.PredictedClassName, FeatureKind.Categorical, options.SampleSize, options.MaxCategories, options.Seed - 2);
    }

    /// <summary>The feature names, in order.</summary>
    public IReadOnlyList<string> FeatureNames => _names;

    /// <summary>Adds one training row; NaN and infinities count as missing.</summary>
    /// <param name="row">The row, in feature order.</param>
    /// <exception cref="ArgumentException">The row has the wrong length.</exception>
    public void AddRow(ReadOnlySpan<double> row)
    {
        if (row.Length != _features.Length)
        {
            throw new ArgumentException($"A row has {row.Length} values but the profile has {_features.Length} features.", nameof(row));
        }

        for (var i = 0; i < row.Length; i++)
        {
            _features[i].Add(row[i]);
        }

        _rows++;
    }

    /// <summary>Adds one value of one feature (for column-wise data).</summary>
    /// <param name="featureIndex">The feature's position.</param>
    /// <param name="value">The value.</param>
    public void AddValue(int featureIndex, double value) => _features[featureIndex].Add(value);

    /// <summary>Adds one reference model score (a confidence, probability or regression output).</summary>
    /// <param name="score">The score.</param>
    public void AddScore(double score)
    {
        _score.Add(score);
        _scores++;
    }

    /// <summary>Adds one reference predicted class.</summary>
    /// <param name="classIndex">The class index.</param>
    public void AddPredictedClass(int classIndex)
    {
        _class.Add(classIndex);
        _classes++;
    }

    /// <summary>Builds the profile.</summary>
    /// <returns>The immutable profile.</returns>
    public ReferenceProfile Build() => new(
        [.. _features.Select(f => f.Build())],
        _scores > 0 ? _score.Build() : null,
        _classes > 0 ? _class.Build() : null,
        _rows);

    /// <summary>Builds a profile from columns of training data.</summary>
    /// <param name="columns">Feature name to values, in the model's feature order.</param>
    /// <param name="options">Sample size, categorical features, seed.</param>
    /// <returns>The profile.</returns>
    public static ReferenceProfile FromColumns(IEnumerable<KeyValuePair<string, double[]>> columns, ReferenceProfileOptions? options = null)
    {
        var list = columns.ToList();
        var builder = new ReferenceProfileBuilder([.. list.Select(c => c.Key)], options);
        for (var i = 0; i < list.Count; i++)
        {
            foreach (var v in list[i].Value)
            {
                builder.AddValue(i, v);
            }
        }

        builder._rows = list.Count == 0 ? 0 : list.Max(c => (long)c.Value.Length);
        return builder.Build();
    }
}
