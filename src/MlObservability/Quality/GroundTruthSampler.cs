using System.Runtime.CompilerServices;
using MlObservability.Diagnostics;

namespace MlObservability.Quality;

/// <summary>
/// Decides which predictions are sent for labelling: Bernoulli or deterministic by request id, optionally stratified so
/// rare classes or segments get labels too. The rate can be changed at run time (the runbook step "increase ground truth
/// sampling rate"). <see cref="ShouldSample"/> is lock-free, allocation-free and never throws.
/// </summary>
public sealed class GroundTruthSampler
{
    private readonly long[] _strata;
    private long _rateBits;
    private long _total;
    private readonly StripedCounters _sampled = new(1); // per core: request threads sampling at once share no line
    private int _activeStrata;

    /// <summary>Creates a sampler.</summary>
    /// <param name="options">Rate, strategy and stratification; defaults when <see langword="null"/>.</param>
    /// <param name="strata">Number of strata (classes or segments, with the overflow slot) when stratified; 1 to 100,001.</param>
    public GroundTruthSampler(GroundTruthSamplingOptions? options = null, int strata = 1)
    {
        options ??= new GroundTruthSamplingOptions();
        options.Validate();
        Strategy = options.Strategy;
        Stratification = options.Stratification;
        _strata = new long[Guard.InRange(strata, 1, 100_001)];
        _rateBits = BitConverter.DoubleToInt64Bits(options.Rate);
    }

    /// <summary>The draw strategy.</summary>
    public SamplingStrategy Strategy { get; }

    /// <summary>What sampling is balanced across.</summary>
    public SamplingStratification Stratification { get; }

    /// <summary>The sampling rate, 0 to 1; safe to change while predictions are recorded.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is outside [0, 1] or NaN.</exception>
    public double Rate
    {
        get => BitConverter.Int64BitsToDouble(Volatile.Read(ref _rateBits));
        set => Interlocked.Exchange(ref _rateBits, BitConverter.DoubleToInt64Bits(Guard.InRange(value, 0.0, 1.0)));
    }

    /// <summary>Predictions sampled.</summary>
    public long SampledCount => _sampled.Read(0);

    /// <summary>Decides whether one prediction is sampled.</summary>
    /// <param name="requestId">The request id; required by <see cref="SamplingStrategy.DeterministicByRequestId"/>.</param>
    /// <param name="stratum">The stratum index (class or segment) when stratified; ignored otherwise. Out-of-range indexes use the last slot.</param>
    /// <returns>Whether to sample.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool ShouldSample(string? requestId, int stratum = 0)
    {
        double rate = Rate;
        if (Stratification != SamplingStratification.None)
        {
            rate = StratifiedRate(rate, Interlocked.Increment(ref _total), stratum);
        }

        if (rate <= 0)
        {
            return false;
        }

        double u;
        if (Strategy == SamplingStrategy.DeterministicByRequestId)
        {
            if (requestId is null)
            {
                return false;
            }

            u = RequestIdHash.UnitInterval(requestId);
        }
        else
        {
            u = Random.Shared.NextDouble();
        }

        if (u < rate)
        {
            _sampled.Increment(0);
            return true;
        }

        return false;
    }

    private double StratifiedRate(double rate, long total, int stratum)
    {
        if ((uint)stratum >= (uint)_strata.Length)
        {
            stratum = _strata.Length - 1;
        }

        long inStratum = Interlocked.Increment(ref _strata[stratum]);
        int active = inStratum == 1 ? Interlocked.Increment(ref _activeStrata) : Volatile.Read(ref _activeStrata);
        return Math.Min(1.0, rate * total / ((double)Math.Max(active, 1) * inStratum));
    }
}
