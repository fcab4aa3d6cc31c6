using System.Globalization;
using System.Net.Http.Json;
using System.Threading.Channels;
using MlObservability.Sample.Service;

namespace MlObservability.Sample.Simulation;

/// <summary>
/// Replays the wine data through the running service over HTTP, as clients would: rows drawn at random with 1 %
/// measurement noise, shifted as the phase says, and the true label sent to <c>/feedback</c> after a delay, as a
/// labelling team would. Half of the users also rate the answer (<c>/rating</c>, <c>user_feedback_score</c>): 4 or 5
/// when the predicted cultivar was right, 1 or 2 when it was wrong, so the rating falls with the accuracy.
/// </summary>
public sealed class TrafficGenerator(HttpClient http, WineDataset data, TimeSpan labelDelay, int workers, TimeSpan pacing)
{
    private readonly Channel<(DateTime Due, string RequestId, string Label, double Rating)> _feedback =
        Channel.CreateBounded<(DateTime, string, string, double)>(new BoundedChannelOptions(100_000) { FullMode = BoundedChannelFullMode.DropOldest });

    private long _ratings;

    private long _sent;
    private long _failed;
    private long _labels;

    /// <summary>Predictions answered.</summary>
    public long Sent => Interlocked.Read(ref _sent);

    /// <summary>Requests that failed.</summary>
    public long Failed => Interlocked.Read(ref _failed);

    /// <summary>Labels sent to /feedback.</summary>
    public long LabelsSent => Interlocked.Read(ref _labels);

    /// <summary>Ratings sent to /rating.</summary>
    public long RatingsSent => Interlocked.Read(ref _ratings);

    /// <summary>Sends labels as they fall due, until <paramref name="cancellationToken"/> and the queue is empty.</summary>
    /// <param name="cancellationToken">Stops waiting for new labels.</param>
    /// <returns>A task that ends when the queue is drained.</returns>
    public async Task SendLabelsAsync(CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var (due, requestId, label, rating) in _feedback.Reader.ReadAllAsync(CancellationToken.None))
            {
                var wait = due - DateTime.UtcNow;
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, CancellationToken.None);
                }

                using var response = await http.PostAsJsonAsync("/feedback", new Endpoints.FeedbackRequest(requestId, label), CancellationToken.None);
                if (response.IsSuccessStatusCode)
                {
                    Interlocked.Increment(ref _labels);
                }

                if (!double.IsNaN(rating))
                {
                    using var rated = await http.PostAsJsonAsync("/rating", new Endpoints.RatingRequest(requestId, rating), CancellationToken.None);
                    if (rated.IsSuccessStatusCode)
                    {
                        Interlocked.Increment(ref _ratings);
                    }
                }
            }
        }
        catch (HttpRequestException)
        {
            // The service is shutting down.
        }
    }

    /// <summary>Stops accepting labels; <see cref="SendLabelsAsync"/> finishes the queue.</summary>
    public void CompleteLabels() => _feedback.Writer.TryComplete();

    /// <summary>Sends traffic shaped by <paramref name="phase"/> until <paramref name="until"/>.</summary>
    /// <param name="phase">The phase.</param>
    /// <param name="seed">Seed of this phase's random rows.</param>
    /// <param name="until">When to stop.</param>
    /// <returns>A task that ends with the phase.</returns>
    public Task RunPhaseAsync(TrafficPhase phase, int seed, CancellationToken until) =>
        Task.WhenAll(Enumerable.Range(0, workers).Select(w => WorkerAsync(phase, new Random(seed * 100 + w), until)));

    private async Task WorkerAsync(TrafficPhase phase, Random random, CancellationToken until)
    {
        while (!until.IsCancellationRequested)
        {
            int index = random.Next(data.Count);
            float[] row = (float[])data.Rows[index].Clone();
            for (int f = 0; f < row.Length; f++)
            {
                row[f] *= 1f + (0.01f * (float)((random.NextDouble() * 2) - 1));
            }

            if (phase.PermutedFeature is { } permuted)
            {
                row[permuted] = data.Rows[random.Next(data.Count)][permuted] * (1f + (0.01f * (float)((random.NextDouble() * 2) - 1)));
            }

            phase.Shift?.Invoke(row);
            string requestId = string.Create(CultureInfo.InvariantCulture, $"r{Interlocked.Increment(ref _sent)}");
            try
            {
                using var response = await http.PostAsJsonAsync("/predict", new Endpoints.PredictRequest(row, requestId), CancellationToken.None);
                response.EnsureSuccessStatusCode();
                string truth = WineDataset.ClassNames[data.Labels[index]];
                double rating = double.NaN;
                if (random.Next(2) == 0)
                {
                    var prediction = await response.Content.ReadFromJsonAsync<WinePrediction>(CancellationToken.None);
                    rating = prediction?.PredictedLabel == truth ? 4 + random.Next(2) : 1 + random.Next(2);
                }

                _feedback.Writer.TryWrite((DateTime.UtcNow + labelDelay, requestId, truth, rating));
            }
            catch (HttpRequestException)
            {
                Interlocked.Increment(ref _failed);
            }

            try
            {
                await Task.Delay(pacing, until);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }
}
