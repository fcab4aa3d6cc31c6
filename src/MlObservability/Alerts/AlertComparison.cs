namespace MlObservability.Alerts;

/// <summary>How a threshold rule compares its signal with the threshold.</summary>
public enum AlertComparison
{
    /// <summary>The condition holds when the signal is above the threshold.</summary>
    GreaterThan = 0,

    /// <summary>The condition holds when the signal is below the threshold.</summary>
    LessThan = 1,
}
