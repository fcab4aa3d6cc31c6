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
    private readonly ReferenceRankIndex? _rankIndex;
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
        NeedsSortedWindow = (methods & DriftMethod.Wasserstein) != 0 && reference.Kind == FeatureKind.Numeric;
        if (reference.Kind == FeatureKind.Numeric)
        {
            if (!reference.IsEmpty)
            {
                if ((methods & DriftMethod.KolmogorovSmirnov) != 0)
                {
                    _rankIndex = new ReferenceRankIndex(reference.SampleArray);
                }

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

    /// <summary>Whether a configured test needs the window sorted (the Wasserstein distance); the others take it in any
    /// order: bins are counted per value and the Kolmogorov-Smirnov statistic comes from ranks in the reference.</summary>
    public bool NeedsSortedWindow { get; }

    /// <summary>The counting scratch <see cref="Evaluate"/> needs, in integers.</summary>
    public int ScratchLength => _rankIndex?.ScratchLength ?? 0;

    /// <summary>Runs the configured tests on the current values (no NaN, non-empty; sorted ascending when
    /// <see cref="NeedsSortedWindow"/>) and leaves each result in its slot (<see cref="Slots"/>) for the caller to publish.</summary>
    /// <param name="current">The window's values of this feature.</param>
    /// <param name="scratch">At least <see cref="ScratchLength"/> integers, all zero; left all zero.</param>
    public void Evaluate(ReadOnlySpan<double> current, Span<int> scratch)
    {
        if (_reference.Kind == FeatureKind.Numeric)
        {
            _binning?.Count(current, _currentCounts);
        }
        else
        {
            CountCategories(current);
        }

        foreach (var slot in Slots)
        {
            var (score, p) = Compute(slot.Method, current, scratch);
            slot.Score = score;
            slot.PValue = p;
            slot.Severity = slot.Thresholds.Classify(score);
            slot.HasValue = true;
        }
    }

    private (double Score, double PValue) Compute(DriftMethod method, ReadOnlySpan<double> current, Span<int> scratch)
    {
        switch (method)
        {
            case DriftMethod.KolmogorovSmirnov:
                var ks = KolmogorovSmirnovTest.TwoSampleScreened(_rankIndex!, current, scratch, _alpha);
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
