using MlObservability.Hosting;
using MlObservability.Quality;

namespace MlObservability.Sample.Service;

/// <summary>The HTTP API: <c>POST /predict</c> and <c>POST /feedback</c>.</summary>
public static class Endpoints
{
    /// <summary>The body of <c>/predict</c>.</summary>
    /// <param name="Features">The 13 measurements.</param>
    /// <param name="RequestId">An id to send the true label under later; generated when absent.</param>
    public sealed record PredictRequest(float[] Features, string? RequestId);

    /// <summary>The body of <c>/feedback</c>: the true label of an earlier prediction.</summary>
    /// <param name="RequestId">The id the prediction was made under.</param>
    /// <param name="Label">The true cultivar.</param>
    public sealed record FeedbackRequest(string RequestId, string Label);

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

        app.MapPost("/feedback", (FeedbackRequest feedback, ModelMonitorRegistry registry) =>
        {
            GroundTruthOutcome outcome = registry.GetModel("wine").RecordGroundTruth(feedback.RequestId, feedback.Label);
            return Results.Ok(new { outcome = outcome.ToString() });
        });
    }
}
