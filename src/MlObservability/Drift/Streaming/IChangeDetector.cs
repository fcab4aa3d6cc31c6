namespace MlObservability.Drift.Streaming;

/// <summary>
/// A change detector over a stream of numbers (Page-Hinkley, CUSUM, ADWIN). <see cref="Update"/> is O(1) amortised and
/// allocation-free. Implementations are not thread-safe: feed one detector from one thread, or through a
/// <see cref="StreamingDriftMonitor"/>, which queues values from any number of threads and updates on evaluation.
/// </summary>
public interface IChangeDetector
{
    /// <summary>The method's tag value: <c>page_hinkley</c>, <c>cusum</c> or <c>adwin</c>.</summary>
    string Method { get; }

    /// <summary>The detection statistic now (Page-Hinkley: the larger one-sided statistic; CUSUM: the larger of the
    /// upper and lower sums; ADWIN: the window width).</summary>
    double Statistic { get; }

    /// <summary>The value of <see cref="Statistic"/> at which a change is signalled (ADWIN: NaN, its cut bound depends on
    /// the split).</summary>
    double Threshold { get; }

    /// <summary>The current estimate of the stream's mean (since the last change).</summary>
    double Mean { get; }

    /// <summary>Values seen since the last change or reset.</summary>
    long Count { get; }

    /// <summary>Changes signalled since construction.</summary>
    long Changes { get; }

    /// <summary>Adds one value; non-finite values are ignored (and return <see langword="false"/>).</summary>
    /// <param name="value">The value.</param>
    /// <returns><see langword="true"/> when this value completes the evidence for a change.</returns>
    bool Update(double value);

    /// <summary>Forgets everything learned since construction, except <see cref="Changes"/>.</summary>
    void Reset();
}
