using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using MlObservability.Cardinality;
using MlObservability.Diagnostics;
using MlObservability.Quality;
using MlObservability.Slo;

namespace MlObservability.Outcomes;

/// <summary>
/// Business outcomes of one model version (seed 000: "Are users receiving value?"): a user's rating, a conversion, the
/// revenue of a session, a click. Each outcome is recorded under a bounded name into <c>ml.outcome.value</c> (a
/// histogram per outcome name); one given with a request id joins to the prediction that request produced, so the
/// outcome is also broken down by predicted class. Outcomes feed the <see cref="SloObjectiveKind.Outcome"/> objectives
/// of the model's <see cref="SloTracker"/> ("95 % of sessions score at least 3").
/// </summary>
/// <remarks>
/// <para>
/// Add it to the model (<c>model.AddComponent(tracker)</c>): it receives every prediction made with a request id
/// through the model's fan-out and holds it in a bounded, lock-free join table
/// (<see cref="OutcomeTrackerOptions.JoinCapacity"/>, <see cref="OutcomeTrackerOptions.JoinTimeToLive"/>). Then
/// <see cref="ModelMonitor.RecordOutcome"/> or <see cref="Record"/> reports the outcome.
/// </para>
/// <para>
/// Recording never throws, takes no lock on a known name and allocates nothing. An outcome whose prediction the
/// tracker no longer holds (or never held: another replica made it) is still recorded, free-standing, and its join
/// result is counted (<c>ml.outcome.joins</c>, <c>not_held</c> or <c>expired</c>). NaN and infinite values and names
/// beyond the configured list or cap are dropped and counted (<c>ml.outcome.dropped</c>); the first dropped name is
/// logged once on the <c>MlObservability</c> event source (event 500).
/// </para>
/// </remarks>
public sealed class OutcomeTracker : IModelOutputSink
{
    private readonly OutcomeTrackerOptions _options;
    private readonly TimeProvider _time;
    private readonly PredictionJoinTable _table;
    private readonly BoundedLabelSet _classes;
    private readonly string[] _indexNames;
    private readonly int _configuredClasses;
    private readonly ConcurrentDictionary<string, int> _nameIndexes = new(StringComparer.Ordinal);
    private readonly string[] _names;
    private readonly long[] _results = new long[8];
    private readonly long[] _nameCounts;
    private readonly double[] _nameSums;
    private readonly object _gate = new();
    private readonly bool _fixedNames;
    private readonly SloTracker? _slo;
    private int _nameCount;
    private int _dropWarned;

    /// <summary>Creates the tracker.</summary>
    /// <param name="modelName">The model name.</param>
    /// <param name="modelVersion">The model version; empty when unknown.</param>
    /// <param name="options">Names, join table and class settings; defaults when <see langword="null"/>.</param>
    /// <param name="slo">The model's SLO tracker, whose <see cref="SloObjectiveKind.Outcome"/> objectives the outcomes feed; optional.</param>
    /// <exception cref="ArgumentException">A setting is out of range (the message names it).</exception>
    public OutcomeTracker(string modelName, string? modelVersion = null, OutcomeTrackerOptions? options = null, SloTracker? slo = null)
    {
        ModelName = Guard.NotNullOrWhiteSpace(modelName);
        ModelVersion = modelVersion ?? string.Empty;
        _options = options ?? new OutcomeTrackerOptions();
        _options.Validate();
        _time = _options.TimeProvider;
        _slo = slo;
        _table = new PredictionJoinTable(_options.JoinCapacity, _options.JoinTimeToLive, _time.GetUtcNow().UtcTicks);
        _names = new string[_options.MaxNames];
        _nameCounts = new long[_options.MaxNames];
        _nameSums = new double[_options.MaxNames];
        foreach (var name in _options.Names)
        {
            _names[_nameCount] = name;
            _nameIndexes[name] = _nameCount++;
        }

        _fixedNames = _options.Names.Count > 0;
        _classes = new BoundedLabelSet(_options.MaxClasses, "outcomes:" + ModelName, "predicted classes");
        var labels = _options.ClassLabels ?? [];
        foreach (var label in labels)
        {
            _classes.GetOrAdd(label);
        }

        _configuredClasses = labels.Count;
        _indexNames = [.. Enumerable.Range(0, _options.MaxClasses).Select(i => i.ToString(CultureInfo.InvariantCulture))];
    }

    /// <summary>The model name.</summary>
    public string ModelName { get; }

    /// <summary>The model version.</summary>
    public string ModelVersion { get; }

    /// <summary>The settings.</summary>
    public OutcomeTrackerOptions Options => _options;

    /// <summary>The outcome names accepted so far (the configured ones first).</summary>
    public IReadOnlyList<string> Names => _names.Take(Volatile.Read(ref _nameCount)).ToArray();

    /// <summary>Slots of the join table (a power of two).</summary>
    public int JoinCapacity => _table.Capacity;

    /// <summary>Bytes held by the join table; fixed at construction.</summary>
    public long AllocatedBytes => _table.AllocatedBytes;

    /// <summary>How many outcomes ended with <paramref name="result"/> since the tracker was made.</summary>
    /// <param name="result">The result.</param>
    /// <returns>The count.</returns>
    public long Count(OutcomeResult result) => (uint)result < (uint)_results.Length ? Interlocked.Read(ref _results[(int)result]) : 0;

    /// <summary>How many outcomes were recorded under <paramref name="name"/> and their sum, since the tracker was made
    /// (the in-process view of <c>ml.outcome.value</c>'s count and sum, over every class); zeros for an unknown name.</summary>
    /// <param name="name">The outcome name.</param>
    /// <returns>The count and the sum.</returns>
    public (long Count, double Sum) GetTotals(string name)
    {
        if (name is null || !_nameIndexes.TryGetValue(name, out int index))
        {
            return (0, 0);
        }

        return (Interlocked.Read(ref _nameCounts[index]), Volatile.Read(ref _nameSums[index]));
    }

    /// <summary>
    /// Records one outcome. Lock-free for a known name, allocation-free, never throws.
    /// </summary>
    /// <param name="name">The outcome name, for example <c>user_feedback_score</c>.</param>
    /// <param name="value">The value: a rating, 1 or 0 for a conversion or click, an amount of money.</param>
    /// <param name="requestId">The request whose prediction the outcome judges; <see langword="null"/> for a free-standing outcome.</param>
    /// <returns>What became of the outcome: recorded (<see cref="OutcomeResult.FreeStanding"/>,
    /// <see cref="OutcomeResult.Joined"/>, <see cref="OutcomeResult.NotHeld"/>, <see cref="OutcomeResult.Expired"/>) or
    /// dropped (the other values).</returns>
    public OutcomeResult Record(string name, double value, string? requestId = null)
    {
        try
        {
            return RecordCore(name, value, requestId);
        }
#pragma warning disable CA1031 // recording must never throw into the host
        catch (Exception ex)
#pragma warning restore CA1031
        {
            MlObservabilityEventSource.Log.ModelComponentFailed(ModelName, nameof(OutcomeTracker), nameof(Record), ex.Message);
            return OutcomeResult.UnknownName;
        }
    }

    /// <inheritdoc/>
    public void RecordClassification(int predictedClass, double confidence, string? requestId = null)
    {
        if (requestId is { Length: > 0 } && predictedClass >= 0)
        {
            Hold(requestId, ClassSlot(predictedClass));
        }
    }

    /// <inheritdoc/>
    public void RecordClassification(string predictedLabel, double confidence, string? requestId = null)
    {
        if (requestId is { Length: > 0 } && !string.IsNullOrEmpty(predictedLabel))
        {
            Hold(requestId, _classes.GetOrAdd(predictedLabel));
        }
    }

    /// <inheritdoc/>
    public void RecordRegression(double value, string? requestId = null)
    {
        if (requestId is { Length: > 0 })
        {
            Hold(requestId, PredictionJoinTable.NoClass);
        }
    }

    /// <inheritdoc/>
    public override string ToString() => $"{nameof(OutcomeTracker)}({ModelName} {ModelVersion}, names {string.Join(", ", Names)}, join table {JoinCapacity})";

    private void Hold(string requestId, int classSlot) =>
        _table.Put(RequestIdHash.Of(requestId), classSlot, _time.GetUtcNow().UtcTicks);

    private int ClassSlot(int predictedClass)
    {
        if (predictedClass < _configuredClasses)
        {
            return predictedClass;
        }

        return predictedClass < _indexNames.Length ? _classes.GetOrAdd(_indexNames[predictedClass]) : _classes.OverflowIndex;
    }

    private OutcomeResult RecordCore(string name, double value, string? requestId)
    {
        if (!double.IsFinite(value))
        {
            return Drop(OutcomeResult.NonFinite, name);
        }

        int index = NameIndex(name, out var refused);
        if (index < 0)
        {
            return Drop(refused, name);
        }

        string canonical = _names[index];
        var result = OutcomeResult.FreeStanding;
        string predicted = string.Empty;
        if (!string.IsNullOrEmpty(requestId))
        {
            result = _table.TryGet(RequestIdHash.Hash64(requestId), _time.GetUtcNow().UtcTicks, out int slot);
            if (result == OutcomeResult.Joined && slot != PredictionJoinTable.NoClass)
            {
                predicted = _classes.LabelAt(slot);
            }
        }

        var tags = new TagList
        {
            { SemanticConventions.ModelName, ModelName },
            { SemanticConventions.ModelVersion, ModelVersion },
            { OutcomeInstruments.NameTag, canonical },
            { SemanticConventions.PredictedClass, predicted },
        };
        OutcomeInstruments.Value.Record(value, tags);
        OutcomeInstruments.Joins.Add(
            1,
            new(SemanticConventions.ModelName, ModelName),
            new(SemanticConventions.ModelVersion, ModelVersion),
            new(OutcomeInstruments.JoinTag, OutcomeInstruments.TagValue(result)));
        Interlocked.Increment(ref _results[(int)result]);
        AddToSum(ref _nameSums[index], value);
        Interlocked.Increment(ref _nameCounts[index]);
        _slo?.RecordOutcome(canonical, value);
        return result;
    }

    private static void AddToSum(ref double sum, double value)
    {
        double seen = Volatile.Read(ref sum);
        while (true)
        {
            double found = Interlocked.CompareExchange(ref sum, seen + value, seen);
            if (found.Equals(seen))
            {
                return;
            }

            seen = found;
        }
    }

    /// <summary>The slot of an outcome name, adding it under the cap when no list is configured; -1 when refused.</summary>
    private int NameIndex(string? name, out OutcomeResult refused)
    {
        refused = OutcomeResult.UnknownName;
        if (string.IsNullOrEmpty(name))
        {
            return -1;
        }

        if (_nameIndexes.TryGetValue(name, out int index))
        {
            return index;
        }

        if (_fixedNames)
        {
            return -1;
        }

        refused = OutcomeResult.NameLimit;
        return Volatile.Read(ref _nameCount) >= _names.Length ? -1 : AddName(name);
    }

    private int AddName(string name)
    {
        if (OutcomeTrackerOptions.NameProblems([name]).Any())
        {
            return -1;
        }

        lock (_gate)
        {
            if (_nameIndexes.TryGetValue(name, out int index))
            {
                return index;
            }

            if (_nameCount >= _names.Length)
            {
                return -1;
            }

            _names[_nameCount] = name;
            _nameIndexes[name] = _nameCount;
            Volatile.Write(ref _nameCount, _nameCount + 1);
            return _nameCount - 1;
        }
    }

    private OutcomeResult Drop(OutcomeResult reason, string? name)
    {
        Interlocked.Increment(ref _results[(int)reason]);
        OutcomeInstruments.Dropped.Add(
            1,
            new(SemanticConventions.ModelName, ModelName),
            new(SemanticConventions.ModelVersion, ModelVersion),
            new(OutcomeInstruments.DropReasonTag, OutcomeInstruments.TagValue(reason)));
        if (reason != OutcomeResult.NonFinite && Interlocked.Exchange(ref _dropWarned, 1) == 0)
        {
            MlObservabilityEventSource.Log.OutcomeNameDropped(ModelName, name ?? "(null)", OutcomeInstruments.TagValue(reason));
        }

        return reason;
    }
}
