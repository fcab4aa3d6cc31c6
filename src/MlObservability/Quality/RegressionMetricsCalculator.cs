namespace MlObservability.Quality;

/// <summary>Computes a <see cref="RegressionReport"/> from parallel arrays of true and predicted values.</summary>
internal static class RegressionMetricsCalculator
{
    /// <summary>Floor of |y| in the percentage error, as scikit-learn (float64 machine epsilon).</summary>
    public const double PercentageEpsilon = 2.220446049250313e-16;

    public static RegressionReport Compute(ReadOnlySpan<double> trueValues, ReadOnlySpan<double> predictedValues)
    {
        int n = trueValues.Length;
        if (n == 0)
        {
            return RegressionReport.Empty;
        }

        double absolute = 0, squared = 0, percentage = 0;
        for (int i = 0; i < n; i++)
        {
            double error = trueValues[i] - predictedValues[i];
            absolute += Math.Abs(error);
            squared += error * error;
            percentage += Math.Abs(error) / Math.Max(Math.Abs(trueValues[i]), PercentageEpsilon);
        }

        return new RegressionReport(n, absolute / n, Math.Sqrt(squared / n), percentage / n);
    }
}
