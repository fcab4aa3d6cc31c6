namespace MlObservability.Quality;

/// <summary>
/// Quality of a regression model over one set of labelled predictions. Values agree with scikit-learn's
/// <c>mean_absolute_error</c>, <c>mean_squared_error(squared=False)</c> and <c>mean_absolute_percentage_error</c>.
/// </summary>
/// <param name="Count">Number of labelled predictions.</param>
/// <param name="MeanAbsoluteError">Mean of |y − ŷ| (NaN when empty).</param>
/// <param name="RootMeanSquaredError">Square root of the mean of (y − ŷ)² (NaN when empty).</param>
/// <param name="MeanAbsolutePercentageError">Mean of |y − ŷ| / max(|y|, ε), ε = 2.2e-16, as a fraction (not percent); NaN when empty.</param>
public sealed record RegressionReport(int Count, double MeanAbsoluteError, double RootMeanSquaredError, double MeanAbsolutePercentageError)
{
    /// <summary>An empty report.</summary>
    public static RegressionReport Empty { get; } = new(0, double.NaN, double.NaN, double.NaN);
}
