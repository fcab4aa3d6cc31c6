namespace MlObservability.Generators.Tests.Generator;

/// <summary>Representative inputs of the generator tests.</summary>
internal static class Sources
{
    public const string InterfaceShapes = """
        using System;
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;
        using MlObservability.Instrumentation;

        namespace Shop.Models;

        public sealed record Sentiment(string PredictedLabel, double Confidence) : IPredictionResult;

        public sealed class Scored
        {
            [PredictedLabel] public string? Label { get; init; }
            [Confidence] public float Score { get; init; }
        }

        [Instrumented("sentiment", ModelVersion = "2.1")]
        public interface ISentimentModel : IDisposable
        {
            Sentiment Predict([FeatureVector] float[] features);

            void Warmup();

            Task ReloadAsync(CancellationToken cancellationToken);

            [Instrumented(Endpoint = "/score")]
            Task<Scored?> ScoreAsync([FeatureVector] ReadOnlyMemory<double> features, CancellationToken cancellationToken);

            ValueTask PingAsync();

            ValueTask<Sentiment> PredictBatchAsync([FeatureVector] double[][] rows);

            IAsyncEnumerable<Sentiment> StreamAsync(string text, CancellationToken cancellationToken);

            bool TryPredict(string text, out Sentiment? result, ref int attempts, in DateTime at);

            T Echo<T>(T value);

            string Name { get; set; }

            int this[int index] { get; }

            event EventHandler? Reloaded;
        }
        """;

    public const string ClassTarget = """
        using System;
        using MlObservability.Instrumentation;

        namespace Shop.Ranking;

        public interface IRanker
        {
            double[] Rank(double[] scores);
        }

        internal interface ICalibrator
        {
            double Calibrate(double score);
        }

        [Instrumented]
        internal sealed class Ranker : IRanker, ICalibrator, IDisposable
        {
            public double[] Rank([FeatureVector] double[] scores) => scores;

            [Instrumented(Endpoint = "calibrate", ModelName = "calibration")]
            double ICalibrator.Calibrate(double score) => score;

            public void Dispose()
            {
            }
        }
        """;

    public const string MethodOnly = """
        using MlObservability.Instrumentation;

        public interface IFraudModel
        {
            [Instrumented(ModelName = "fraud")]
            bool IsFraud([FeatureVector] System.Span<float> transaction);

            int Version { get; }
        }
        """;
}
