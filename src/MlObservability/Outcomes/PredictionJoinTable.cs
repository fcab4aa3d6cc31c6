using System.Numerics;

namespace MlObservability.Outcomes;

/// <summary>
/// The predictions an <see cref="OutcomeTracker"/> holds for the join by request id: a direct-mapped table of
/// <c>(id hash, predicted class, time)</c>, 16 bytes a slot, written and read lock-free and allocation-free. A later
/// prediction whose id hash lands on the same slot overwrites the earlier one (its outcome is then
/// <see cref="OutcomeResult.NotHeld"/>). Ids are held by their 64-bit hash, never as strings.
/// </summary>
/// <remarks>
/// A slot is two longs: the key (the id hash, never 0) and the value (16 check bits from the top of the hash, a 16-bit
/// class slot, 32 bits of seconds since the table was made). A writer clears the key, writes the value, then the key; a
/// reader reads key, value, key and accepts the value only when both keys are its own and the check bits match, so a
/// torn read (two writers on one slot at once) is rejected except with probability 2^-16.
/// </remarks>
internal sealed class PredictionJoinTable
{
    /// <summary>The class slot of a prediction without a class (a regression).</summary>
    public const int NoClass = 0xFFFF;

    private readonly long[] _slots;
    private readonly int _mask;
    private readonly long _originTicks;
    private readonly long _ttlSeconds;

    public PredictionJoinTable(int capacity, TimeSpan timeToLive, long originTicks)
    {
        int size = (int)BitOperations.RoundUpToPowerOf2((uint)capacity);
        _slots = new long[size * 2];
        _mask = size - 1;
        _originTicks = originTicks;
        _ttlSeconds = Math.Max(1, (long)Math.Ceiling(timeToLive.TotalSeconds));
    }

    /// <summary>Slots in the table.</summary>
    public int Capacity => _mask + 1;

    /// <summary>Bytes held by the table.</summary>
    public long AllocatedBytes => _slots.LongLength * sizeof(long);

    /// <summary>Holds the prediction of a request id (hash), overwriting whatever held its slot.</summary>
    public void Put(ulong hash, int classSlot, long nowTicks)
    {
        long key = Key(hash);
        int i = Index(hash);
        long value = Pack(hash, classSlot, Seconds(nowTicks));
        Volatile.Write(ref _slots[i], 0);
        Volatile.Write(ref _slots[i + 1], value);
        Volatile.Write(ref _slots[i], key);
    }

    /// <summary>Looks up the prediction of a request id (hash): <see cref="OutcomeResult.Joined"/> with its class slot,
    /// <see cref="OutcomeResult.Expired"/> or <see cref="OutcomeResult.NotHeld"/>. The entry stays (several outcomes
    /// of one request join to the same prediction).</summary>
    public OutcomeResult TryGet(ulong hash, long nowTicks, out int classSlot)
    {
        classSlot = NoClass;
        long key = Key(hash);
        int i = Index(hash);
        if (Volatile.Read(ref _slots[i]) != key)
        {
            return OutcomeResult.NotHeld;
        }

        long value = Volatile.Read(ref _slots[i + 1]);
        if (Volatile.Read(ref _slots[i]) != key || (ulong)value >> 48 != hash >> 48)
        {
            return OutcomeResult.NotHeld;
        }

        long age = Seconds(nowTicks) - (value & 0xFFFF_FFFFL);
        if (age >= _ttlSeconds)
        {
            return OutcomeResult.Expired;
        }

        classSlot = (int)((value >> 32) & 0xFFFF);
        return OutcomeResult.Joined;
    }

    private static long Key(ulong hash) => hash == 0 ? 1 : (long)hash;

    private int Index(ulong hash) => (int)(hash & (ulong)_mask) * 2;

    private long Seconds(long nowTicks) => Math.Clamp((nowTicks - _originTicks) / TimeSpan.TicksPerSecond, 0, 0xFFFF_FFFFL);

    private static long Pack(ulong hash, int classSlot, long seconds) =>
        (long)((hash >> 48) << 48) | ((long)(classSlot & 0xFFFF) << 32) | seconds;
}
