namespace MlObservability.Drift;

/// <summary>
/// The evaluation side of one monitored feature (or model output): its reference, bins, configured tests with their
/// thresholds, scratch buffers, and latest results. Evaluated on the evaluation thread only.
/// </summary>
internal sealed class FeatureChannel
{
    private readonly FeatureProfile _reference;
    private readonly double _epsilon;
    private readonly double _alpha;
    private readonly PsiBinning? _binning;
    private readonly double[] _referenceCounts;
    private readonly double[] _currentCounts;
    private readonly double[] _expectedProportions;
    private readonly double[] _observed;

    public FeatureChannel(FeatureProfile reference, DriftMethod methods, DriftMonitorOptions options, string kindLabel, string? outputLabel, KeyValuePair<string, object?>[] baseTags)
    {
        _reference = reference;
        _epsilon = options.PsiEpsilon;
        _alpha = options.SignificanceLevel;
        Name = reference.Name;
        EventKind = kindLabel;
        var slots = new List<DriftResultSlot>();
        foreach (var method in DriftMethodNames.All)
        {
            if ((methods & method) == 0)
            {
                continue;
            }

            var tags = new KeyValuePair<string, object?>[baseTags.Length + 2];
            baseTags.CopyTo(tags, 0);
            tags[^2] = new(SemanticConventions.FeatureName, Name);
            tags[^1] = new(SemanticConventions.DriftMethod, DriftMethodNames.Of(method));
            var labels = new Dictionary<string, string>(StringComparer.Ordinal) { ["method"] = DriftMethodNames.Of(method) };
            if (outputLabel is null)
            {
                labels["feature"] = Name;
            }
            else
            {
                labels["output"] = outputLabel;
            }

            slots.Add(new DriftResultSlot(method, options.ThresholdsFor(Name, method), tags, labels));
        }

        Slots = [.. slots];
        if (reference.Kind == FeatureKind.Numeric)
        {
            if (!reference.IsEmpty)
            {
                _binning = options.PsiEqualWidthBins
                    ? PsiBinning.EqualWidth(reference.Min, reference.Max, options.PsiBins)
                    : PsiBinning.FromReferenceQuantiles(reference.SortedSample, options.PsiBins);
                _referenceCounts = new double[_binning.BinCount];
                _binning.Count(reference.SortedSample, _referenceCounts);
            }
            else
            {
                _referenceCounts = [];
            }

            _currentCounts = new double[_referenceCounts.Length];
            _expectedProportions = [];
            _observed = [];
        }
        else
        {
            var k = reference.CategoryValues.Length;
            _referenceCounts = new double[k + 1];
            for (var i = 0; i < k; i++)
            {
                _referenceCounts[i] = reference.CategoryCounts[i];
            }

            _currentCounts = new double[k + 1];
            _expectedProportions = new double[k + 1];
            _observed = new double[k + 1];
        }
    }

    public string Name { get; }

    public string EventKind { get; }

    public DriftResultSlot[] Slots { get; }

    public bool IsEmpty => _reference.IsEmpty;

    /// <summary>Runs the configured tests on the current values (sorted ascending, no NaN, non-empty) and leaves each
    /// result in its slot (<see cref="Slots"/>) for the caller to publish.</summary>
    public void Evaluate(ReadOnlySpan<double> sortedCurrent)
    {
        if (_reference.Kind == FeatureKind.Numeric)
        {
            _binning?.CountSorted(sortedCurrent, _currentCounts);
        }
        else
        {
            CountCategories(sortedCurrent);
        }

        foreach (var slot in Slots)
        {
            var (score, p) = Compute(slot.Method, sortedCurrent);
            slot.Score = score;
            slot.PValue = p;
            slot.Severity = slot.Thresholds.Classify(score);
            slot.HasValue = true;
        }
    }

    private (double Score, double PValue) Compute(DriftMethod method, ReadOnlySpan<double> current)
    {
        switch (method)
        {
            case DriftMethod.KolmogorovSmirnov:
                var ks = KolmogorovSmirnovTest.TwoSampleSortedScreened(_reference.SortedSample, current, _alpha);
                return (ks.Statistic, ks.PValue);
            case DriftMethod.Psi:
                return (PopulationStabilityIndex.FromCounts(_referenceCounts, _currentCounts, _epsilon), double.NaN);
            case DriftMethod.JensenShannon:
                return (JensenShannonDistance.Compute(_referenceCounts, _currentCounts), double.NaN);
            case DriftMethod.Wasserstein:
                return (WassersteinDistance.Normalised(_reference.SortedSample, current, _reference.StandardDeviation), double.NaN);
            default:
                var unseen = _currentCounts[^1] > 0;
                var k = _referenceCounts.Length - (unseen ? 0 : 1);
                double total = 0;
                for (var i = 0; i < _referenceCounts.Length - 1; i++)
                {
                    total += _referenceCounts[i];
                }

                for (var i = 0; i < k; i++)
                {
                    _observed[i] = _currentCounts[i];
                    _expectedProportions[i] = i < _referenceCounts.Length - 1 ? _referenceCounts[i] / total : _epsilon;
                }

                var chi = ChiSquareTest.GoodnessOfFit(_observed.AsSpan(0, k), _expectedProportions.AsSpan(0, k));
                return (chi.EffectSize, chi.PValue);
        }
    }

    private void CountCategories(ReadOnlySpan<double> current)
    {
        Array.Clear(_currentCounts);
        var categories = _reference.CategoryValues;
        foreach (var v in current)
        {
            var i = categories.BinarySearch(v);
            _currentCounts[i >= 0 ? i : _currentCounts.Length - 1]++;
        }
    }
}
