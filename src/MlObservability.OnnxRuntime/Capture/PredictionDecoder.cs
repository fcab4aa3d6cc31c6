using System.Numerics;

namespace MlObservability.OnnxRuntime.Capture;

/// <summary>Reads a prediction from one row of a classifier's output: the arg-max class, its confidence and the row's probabilities.</summary>
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

    /// <summary>Writes a row's class probabilities into <paramref name="destination"/>: the row itself, or the softmax
    /// of a logit row (exp(l − max) / Σ exp(l − max)).</summary>
    public static void Probabilities<T>(ReadOnlySpan<T> row, bool logits, Span<double> destination)
        where T : unmanaged, INumberBase<T>
    {
        if (!logits)
        {
            for (int i = 0; i < row.Length; i++)
            {
                destination[i] = double.CreateTruncating(row[i]);
            }

            return;
        }

        ArgMax(row, out double max);
        double sum = 0;
        for (int i = 0; i < row.Length; i++)
        {
            destination[i] = Math.Exp(double.CreateTruncating(row[i]) - max);
            sum += destination[i];
        }

        for (int i = 0; i < row.Length; i++)
        {
            destination[i] /= sum;
        }
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
