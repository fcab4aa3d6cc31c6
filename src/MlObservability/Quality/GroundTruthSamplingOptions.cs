using MlObservability.Diagnostics;

namespace MlObservability.Quality;

/// <summary>Settings of ground-truth sampling; validated when the monitor is built.</summary>
public sealed record GroundTruthSamplingOptions
{
    /// <summary>Fraction of predictions sent for labelling, 0 to 1 (default 0.1). Adjustable at run time through <see cref="GroundTruthSampler.Rate"/>.</summary>
    public double Rate { get; init; } = 0.1;

    /// <summary>How the draw is made (default <see cref="SamplingStrategy.DeterministicByRequestId"/>).</summary>
    public SamplingStrategy Strategy { get; init; } = SamplingStrategy.DeterministicByRequestId;

    /// <summary>What the sampling is balanced across (default none). With stratification the overall rate stays
    /// <see cref="Rate"/> but each stratum s is sampled at min(1, Rate · n / (k · n_s)), n_s its predictions so far and k the strata seen.</summary>
    public SamplingStratification Stratification { get; init; } = SamplingStratification.None;

    internal void Validate()
    {
        Guard.InRange(Rate, 0.0, 1.0, nameof(Rate));
        if (!Enum.IsDefined(Strategy))
        {
            throw new ArgumentOutOfRangeException(nameof(Strategy), Strategy, "Strategy must be Bernoulli or DeterministicByRequestId.");
        }

        if (!Enum.IsDefined(Stratification))
        {
            throw new ArgumentOutOfRangeException(nameof(Stratification), Stratification, "Stratification must be None, PredictedClass or Segment.");
        }
    }
}
