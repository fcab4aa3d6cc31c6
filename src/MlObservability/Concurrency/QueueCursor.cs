using System.Runtime.InteropServices;

namespace MlObservability.Concurrency;

/// <summary>A queue position alone on its cache lines, so producers and the consumer do not share a line.</summary>
[StructLayout(LayoutKind.Explicit, Size = 128)]
internal struct QueueCursor
{
    [FieldOffset(64)]
    public long Value;
}
