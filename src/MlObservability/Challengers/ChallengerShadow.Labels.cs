namespace MlObservability.Challengers;

public sealed partial class ChallengerShadow<TInput>
{
    /// <summary>
    /// Joins a late label to the request: the challenger's quality monitor, the champion's monitor (when one was given)
    /// and, when the request was shadowed, the pair of predictions behind the comparison. Off the inference path; never throws.
    /// </summary>
    /// <param name="requestId">The request id the predictions were recorded with.</param>
    /// <param name="trueClass">The true class index.</param>
    /// <returns><see langword="true"/> when the label completed a pair (both versions scored the request).</returns>
    public bool RecordGroundTruth(string requestId, int trueClass)
    {
        if (string.IsNullOrEmpty(requestId))
        {
            return false;
        }

        _champion?.RecordGroundTruth(requestId, trueClass);
        ChallengerQuality.RecordGroundTruth(requestId, trueClass);
        if (!_pending.TryRemove(requestId, out var pair))
        {
            _counters.UnpairedLabel();
            return false;
        }

        Interlocked.Decrement(ref _pendingCount);
        _counters.Pair(pair.ChampionClass == trueClass, pair.ChallengerClass == trueClass);
        return true;
    }
}
