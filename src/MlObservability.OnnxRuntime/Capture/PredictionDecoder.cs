using System.Numerics;

namespace MlObservability.OnnxRuntime.Capture;

/// <summary>Reads a prediction from one row of a classifier's output: the arg-max class and its confidence.</summary>
internal static class PredictionDecoder
{
    /// <summary>Arg-max of a probability row; the confidence is the winning probability.</summary>
    public static int FromProbabilities<T>(ReadOnlySpan<T> row, out double confidence)
        where T : unmanaged, INumberBase<T>
    {
        int best = ArgMax(row, out double max);
        confidence = max;
        return best;
    }

    /// <summary>Arg-max of a logit row; the confidence is its softmax probability, 1 / sum(exp(l - max)).</summary>
    public static int FromLogits<T>(ReadOnlySpan<T> row, out double confidence)
        where T : unmanaged, INumberBase<T>
    {
        int best = ArgMax(row, out double max);
        double sum = 0;
        foreach (T value in row)
        {
            sum += Math.Exp(double.CreateTruncating(value) - max);
        }

        confidence = best < 0 ? double.NaN : 1.0 / sum;
        return best;
    }

    /// <summary>Index of the largest finite value; -1 when the row is empty or holds a NaN (then the row is invalid).</summary>
    private static int ArgMax<T>(ReadOnlySpan<T> row, out double max)
        where T : unmanaged, INumberBase<T>
    {
        int best = -1;
        max = double.NegativeInfinity;
        for (int i = 0; i < row.Length; i++)
        {
            double value = double.CreateTruncating(row[i]);
            if (double.IsNaN(value))
            {
                max = double.NaN;
                return -1;
            }

            if (best < 0 || value > max)
            {
                best = i;
                max = value;
            }
        }

        return best;
    }
}
