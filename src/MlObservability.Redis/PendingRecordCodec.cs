using System.Buffers.Binary;
using System.Text;
using MlObservability.Quality;

namespace MlObservability.Redis;

/// <summary>
/// The compact value stored under a request id: a format byte, kind, class index, confidence, value, time, then the model
/// version, class label and segment as length-prefixed UTF-8 (length -1 for none). No feature values. About 40 bytes
/// plus the names. The joined marker <see cref="JoinedMarker"/> is one byte, so it can never be a record.
/// </summary>
internal static class PendingRecordCodec
{
    /// <summary>The value a joined key is replaced with, so a second label reports Duplicate.</summary>
    public const string JoinedMarker = "J";

    private const byte Format = 1;
    private const int FixedBytes = 1 + 1 + 4 + 8 + 8 + 8;

    public static byte[] Encode(PendingPrediction p)
    {
        int size = FixedBytes + Size(p.ModelVersion) + Size(p.PredictedLabel) + Size(p.Segment);
        var buffer = new byte[size];
        var span = buffer.AsSpan();
        span[0] = Format;
        span[1] = (byte)p.Kind;
        BinaryPrimitives.WriteInt32LittleEndian(span[2..], p.PredictedClass);
        BinaryPrimitives.WriteDoubleLittleEndian(span[6..], p.Confidence);
        BinaryPrimitives.WriteDoubleLittleEndian(span[14..], p.PredictedValue);
        BinaryPrimitives.WriteInt64LittleEndian(span[22..], p.Timestamp.UtcTicks);
        int at = FixedBytes;
        at = Write(span, at, p.ModelVersion);
        at = Write(span, at, p.PredictedLabel);
        Write(span, at, p.Segment);
        return buffer;
    }

    /// <summary>Decodes a record; <see langword="null"/> when the bytes are not one (another writer's value under our prefix).</summary>
    public static PendingPrediction? Decode(string requestId, ReadOnlySpan<byte> span)
    {
        if (span.Length < FixedBytes || span[0] != Format || span[1] > (byte)PredictionKind.Regression)
        {
            return null;
        }

        var kind = (PredictionKind)span[1];
        int predictedClass = BinaryPrimitives.ReadInt32LittleEndian(span[2..]);
        double confidence = BinaryPrimitives.ReadDoubleLittleEndian(span[6..]);
        double value = BinaryPrimitives.ReadDoubleLittleEndian(span[14..]);
        long ticks = BinaryPrimitives.ReadInt64LittleEndian(span[22..]);
        if (ticks < DateTimeOffset.MinValue.UtcTicks || ticks > DateTimeOffset.MaxValue.UtcTicks)
        {
            return null;
        }

        int at = FixedBytes;
        if (!TryRead(span, ref at, out string? version) || !TryRead(span, ref at, out string? label) || !TryRead(span, ref at, out string? segment))
        {
            return null;
        }

        return new PendingPrediction(requestId, kind, label, predictedClass, confidence, value, segment, new DateTimeOffset(ticks, TimeSpan.Zero), version ?? string.Empty);
    }

    private static int Size(string? text) => 2 + (text is null ? 0 : Encoding.UTF8.GetByteCount(text));

    private static int Write(Span<byte> span, int at, string? text)
    {
        if (text is null)
        {
            BinaryPrimitives.WriteInt16LittleEndian(span[at..], -1);
            return at + 2;
        }

        int length = Encoding.UTF8.GetBytes(text, span[(at + 2)..]);
        BinaryPrimitives.WriteInt16LittleEndian(span[at..], checked((short)length));
        return at + 2 + length;
    }

    private static bool TryRead(ReadOnlySpan<byte> span, ref int at, out string? text)
    {
        text = null;
        if (at + 2 > span.Length)
        {
            return false;
        }

        int length = BinaryPrimitives.ReadInt16LittleEndian(span[at..]);
        at += 2;
        if (length < 0)
        {
            return length == -1;
        }

        if (at + length > span.Length)
        {
            return false;
        }

        text = Encoding.UTF8.GetString(span.Slice(at, length));
        at += length;
        return true;
    }
}
