namespace MlObservability.Drift;

/// <summary>How a feature's values are compared with the reference.</summary>
public enum FeatureKind
{
    /// <summary>A continuous (or ordinal) number: KS, PSI over quantile bins, Jensen-Shannon, Wasserstein.</summary>
    Numeric = 0,

    /// <summary>A category code (an integer-valued double, for example a label-encoded column): chi-square and PSI over
    /// category frequencies; codes absent from the reference are counted as unseen.</summary>
    Categorical = 1,
}
