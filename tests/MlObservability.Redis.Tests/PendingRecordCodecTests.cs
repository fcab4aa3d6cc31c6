using MlObservability.Quality;

namespace MlObservability.Redis.Tests;

public sealed class PendingRecordCodecTests
{
    [Test]
    public void A_record_round_trips_and_foreign_bytes_are_not_a_record()
    {
        var at = new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);
        var p = new PendingPrediction("id-1", PredictionKind.Classification, "grüner veltliner", 4, 0.61, double.NaN, null, at, "v2");
        var back = PendingRecordCodec.Decode("id-1", PendingRecordCodec.Encode(p))!;
        Assert.Multiple(() =>
        {
            Assert.That(back.PredictedLabel, Is.EqualTo("grüner veltliner"));
            Assert.That(back.PredictedClass, Is.EqualTo(4));
            Assert.That(back.Confidence, Is.EqualTo(0.61));
            Assert.That(back.PredictedValue, Is.NaN);
            Assert.That(back.Segment, Is.Null);
            Assert.That(back.Timestamp, Is.EqualTo(at));
            Assert.That(back.ModelVersion, Is.EqualTo("v2"));
            Assert.That(PendingRecordCodec.Decode("x", "J"u8), Is.Null);
            Assert.That(PendingRecordCodec.Decode("x", new byte[40]), Is.Null);
        });
    }
}
