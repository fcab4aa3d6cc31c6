using System.Diagnostics;
using MlObservability.Diagnostics;

namespace MlObservability.Challengers;

public sealed partial class ChallengerShadow<TInput>
{
    /// <summary>Scores every queued request now, on the calling thread; returns how many. For tests and shutdown.</summary>
    /// <returns>The number of requests taken from the queue.</returns>
    internal int ProcessQueued()
    {
        int processed = 0;
        while (_queue.TryDequeue(out var work))
        {
            Score(work);
            processed++;
        }

        return processed;
    }

    private void RunWorker()
    {
        var token = _stop.Token;
        while (!token.IsCancellationRequested)
        {
            if (ProcessQueued() == 0)
            {
                token.WaitHandle.WaitOne(_options.PollInterval);
            }
        }
    }

    private void Score(in ShadowWork<TInput> work)
    {
        long start = Stopwatch.GetTimestamp();
        ShadowPrediction prediction;
        try
        {
            prediction = _challenger(work.Input);
        }
        catch (Exception ex)
        {
            ChallengerInference.RecordError(start, ex.GetType().Name);
            _counters.Drop(ShadowDropReason.ChallengerFailed);
            MlObservabilityEventSource.Log.ChallengerFailed(ModelName, ChallengerVersion, ex.GetType().Name + ": " + ex.Message);
            return;
        }

        ChallengerInference.RecordSuccess(start);
        _challengerLatency.Record(Stopwatch.GetElapsedTime(start).TotalSeconds);
        if (double.IsFinite(work.ChampionSeconds) && work.ChampionSeconds >= 0)
        {
            _championLatency.Record(work.ChampionSeconds);
        }

        _counters.Scoring(prediction.PredictedClass != work.ChampionClass);
        ChallengerQuality.RecordClassification(prediction.PredictedClass, prediction.Confidence, work.RequestId);
        if (work.RequestId is not { } id)
        {
            return;
        }

        if (Interlocked.Increment(ref _pendingCount) > _options.PendingCapacity)
        {
            Interlocked.Decrement(ref _pendingCount);
            _counters.Drop(ShadowDropReason.PendingFull);
            return;
        }

        if (!_pending.TryAdd(id, new PendingPair(work.ChampionClass, prediction.PredictedClass, _time.GetTimestamp())))
        {
            Interlocked.Decrement(ref _pendingCount);
        }
    }
}
