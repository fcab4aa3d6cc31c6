using System.Text.Json;
using MlObservability.Hosting;
using MlObservability.Quality;

namespace MlObservability.Sample.Service;

/// <summary>The HTTP API: <c>POST /predict</c>, <c>POST /feedback</c> and <c>POST /rating</c>.</summary>
public static class Endpoints
{
    /// <summary>Most labels one <c>/feedback</c> array may hold.</summary>
    public const int MaxLabelsPerRequest = 10_000;

    /// <summary>The body of <c>/predict</c>.</summary>
    /// <param name="Features">The 13 measurements.</param>
    /// <param name="RequestId">An id to send the true label under later; generated when absent.</param>
    public sealed record PredictRequest(float[] Features, string? RequestId);

    /// <summary>The body of <c>/feedback</c>: the true label of an earlier prediction (or an array of them).</summary>
    /// <param name="RequestId">The id the prediction was made under.</param>
    /// <param name="Label">The true cultivar.</param>
    public sealed record FeedbackRequest(string RequestId, string Label);

    /// <summary>The body of <c>/rating</c>: the score a user gave the answer to an earlier prediction.</summary>
    /// <param name="RequestId">The id the prediction was made under.</param>
    /// <param name="Score">The user's rating, 1 (useless) to 5 (right).</param>
    public sealed record RatingRequest(string RequestId, double Score);

    /// <summary>Maps the endpoints.</summary>
    /// <param name="app">The application.</param>
    public static void MapWineEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/predict", async (PredictRequest request, IWineClassifier classifier, CancellationToken cancellationToken) =>
        {
            if (request.Features is not { Length: 13 })
            {
                return Results.BadRequest(new { error = "features must hold the 13 measurements of the wine data set, in order." });
            }

            string requestId = string.IsNullOrWhiteSpace(request.RequestId) ? Guid.NewGuid().ToString("N") : request.RequestId;
            return Results.Ok(await classifier.PredictAsync(requestId, request.Features, cancellationToken));
        });

        // A user's rating of an answer: a business outcome joined to the prediction of that request (its predicted class).
        app.MapPost("/rating", (RatingRequest rating, ModelMonitorRegistry registry) =>
            Results.Ok(new { outcome = registry.GetModel("wine").RecordOutcome("user_feedback_score", rating.Score, rating.RequestId).ToString() }));

        // One label {"requestId": ..., "label": ...} answers {"outcome": ...}; an array of them (a label pipeline's batch)
        // is joined in pipelined round trips and answers {"outcomes": [...]}, in order.
        app.MapPost("/feedback", async (HttpRequest request, ModelMonitorRegistry registry, CancellationToken cancellationToken) =>
        {
            JsonElement body;
            try
            {
                body = await request.ReadFromJsonAsync<JsonElement>(cancellationToken);
            }
            catch (JsonException)
            {
                return Results.BadRequest(new { error = "the body must be a JSON object {\"requestId\", \"label\"} or an array of them." });
            }

            var model = registry.GetModel("wine");
            if (body.ValueKind != JsonValueKind.Array)
            {
                var feedback = Read<FeedbackRequest>(body);
                return feedback is null
                    ? Results.BadRequest(new { error = "expected {\"requestId\": ..., \"label\": ...}." })
                    : Results.Ok(new { outcome = model.RecordGroundTruth(feedback.RequestId, feedback.Label).ToString() });
            }

            if (body.GetArrayLength() > MaxLabelsPerRequest)
            {
                return Results.BadRequest(new { error = $"at most {MaxLabelsPerRequest} labels per request; split the batch." });
            }

            var labels = Read<FeedbackRequest[]>(body);
            if (labels is null || labels.Any(l => l is null))
            {
                return Results.BadRequest(new { error = "expected an array of {\"requestId\": ..., \"label\": ...}." });
            }

            GroundTruthOutcome[] outcomes = model.Quality is { } quality
                ? await quality.RecordGroundTruthBatchAsync(Array.ConvertAll(labels, l => GroundTruthLabel.ForClass(l.RequestId, l.Label)), cancellationToken)
                : Array.ConvertAll(labels, _ => GroundTruthOutcome.UnknownId);
            return Results.Ok(new { outcomes = Array.ConvertAll(outcomes, o => o.ToString()) });
        });
    }

    private static T? Read<T>(JsonElement body)
        where T : class
    {
        try
        {
            return body.Deserialize<T>(JsonSerializerOptions.Web);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
