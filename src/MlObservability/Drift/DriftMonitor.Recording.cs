using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace MlObservability.Drift;

/// <summary>The hot path: lock-free, allocation-free, never throws.</summary>
public sealed partial class DriftMonitor
{
    /// <summary>Records one feature row in the reference profile's feature order. Rows of the wrong length are counted
    /// (<c>wrong_length</c>) and dropped; NaN and infinite values are counted and left out of the tests.</summary>
    /// <param name="features">The row.</param>
    public void RecordFeatures(ReadOnlySpan<double> features) => RecordRow(features);

    /// <summary>Records one single-precision feature row in the reference profile's feature order.</summary>
    /// <param name="features">The row.</param>
    public void RecordFeatures(ReadOnlySpan<float> features) => RecordRow(features);

    /// <summary>Records one row given as named values. Profiled features absent from the row count as missing; names that
    /// are not profiled are counted (<c>unknown_feature</c>) and ignored. Allocation-free; a name lookup per value.</summary>
    /// <param name="namedValues">Feature name and value pairs.</param>
    public void RecordFeatures(ReadOnlySpan<KeyValuePair<string, double>> namedValues)
    {
        double[]? rented = null;
        var row = _featureCount <= 128 ? stackalloc double[_featureCount] : (rented = ArrayPool<double>.Shared.Rent(_featureCount)).AsSpan(0, _featureCount);
        row.Fill(double.NaN);
        foreach (var pair in namedValues)
        {
            if (pair.Key is not null && _featureIndex.TryGetValue(pair.Key, out var i))
            {
                row[i] = pair.Value;
            }
            else
            {
                Interlocked.Increment(ref _unknownFeature);
            }
        }

        RecordRow<double>(row);
        if (rented is not null)
        {
            ArrayPool<double>.Shared.Return(rented);
        }
    }

    /// <summary>Records one model score (a confidence, probability or regression output) for prediction drift.</summary>
    /// <param name="score">The score; NaN and infinities are counted and dropped.</param>
    public void RecordPrediction(double score)
    {
        if (!double.IsFinite(score))
        {
            CountInvalid(_featureCount, double.IsNaN(score) ? DataQualityReason.Missing : DataQualityReason.NonFinite);
            return;
        }

        _fleet?.RecordScore(score);

        if (_scoreReference is not null && _scoreReference.TryAdd(score))
        {
            return;
        }

        if (score < _scoreMin || score > _scoreMax)
        {
            CountInvalid(_featureCount, DataQualityReason.OutOfRange);
        }

        WriteSingle(_scoreWindow, score);
    }

    /// <summary>Records one predicted class index for prediction drift.</summary>
    /// <param name="classIndex">The class; negative values are counted (<c>out_of_range</c>) and dropped.</param>
    public void RecordPredictedClass(int classIndex)
    {
        if (classIndex < 0)
        {
            CountInvalid(_featureCount + 1, DataQualityReason.OutOfRange);
            return;
        }

        if (_classReference is not null && _classReference.TryAdd(classIndex))
        {
            return;
        }

        var known = Volatile.Read(ref _classValues);
        if (known is not null && known.AsSpan().BinarySearch((double)classIndex) < 0)
        {
            CountInvalid(_featureCount + 1, DataQualityReason.UnseenCategory);
        }

        WriteSingle(_classWindow, classIndex);
    }

    /// <inheritdoc/>
    public void RecordClassification(int predictedClass, double confidence, string? requestId = null)
    {
        RecordConfidence(confidence);
        RecordPredictedClass(predictedClass);
    }

    /// <inheritdoc/>
    public void RecordClassification(string predictedLabel, double confidence, string? requestId = null)
    {
        RecordConfidence(confidence);
        if (_classIndexByLabel is null)
        {
            return;
        }

        if (predictedLabel is not null && _classIndexByLabel.TryGetValue(predictedLabel, out int classIndex))
        {
            RecordPredictedClass(classIndex);
        }
        else
        {
            CountInvalid(_featureCount + 1, DataQualityReason.UnseenCategory);
        }
    }

    /// <inheritdoc/>
    public void RecordRegression(double value, string? requestId = null) => RecordPrediction(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void RecordRow<T>(ReadOnlySpan<T> row)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        if (row.Length != _featureCount)
        {
            Volatile.Write(ref _lastWrongWidth, row.Length);
            Interlocked.Increment(ref _wrongLength);
            return;
        }

        _fleet?.RecordRow(row);
        var claimed = _featureWindow.TryBeginRow(out var slot);
        var f = Vector256.IsHardwareAccelerated ? RecordChunks(row, claimed, slot) : 0;
        for (; f < row.Length; f++)
        {
            RecordValue(f, double.CreateTruncating(row[f]), claimed, slot);
        }

        if (!claimed)
        {
            _skippedRows.Increment(0);
        }
        else if (_featureWindow.EndRow(slot))
        {
            OnWindowCompleted();
        }
    }

    /// <summary>Checks and copies the row four values at a time: a chunk whose four values are finite and within their
    /// features' reference range (never true for a categorical feature, whose range is stored empty) is copied as is;
    /// any other chunk takes <see cref="RecordValue"/> value by value, which counts what is wrong. Returns the number of
    /// values handled (the row length rounded down to a multiple of four).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int RecordChunks<T>(ReadOnlySpan<T> row, bool claimed, in RowSlot slot)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var chunks = row.Length & ~(ChunkLanes - 1);
        ref var low = ref MemoryMarshal.GetArrayDataReference(_chunkMin);
        ref var high = ref MemoryMarshal.GetArrayDataReference(_chunkMax);
        ref var destination = ref claimed ? ref slot.Buffer[slot.Index * slot.Stride] : ref Unsafe.NullRef<double>();
        for (var f = 0; f < chunks; f += ChunkLanes)
        {
            Vector256<double> v;
            if (typeof(T) == typeof(float))
            {
                v = Vector256.WidenLower(Vector128.LoadUnsafe(ref Unsafe.As<T, float>(ref MemoryMarshal.GetReference(row)), (nuint)f).ToVector256Unsafe());
            }
            else
            {
                v = Vector256.LoadUnsafe(ref Unsafe.As<T, double>(ref MemoryMarshal.GetReference(row)), (nuint)f);
            }

            // v - v is 0 only for a finite value; NaN fails every compare.
            var ok = Vector256.Equals(v - v, Vector256<double>.Zero)
                & Vector256.GreaterThanOrEqual(v, Vector256.LoadUnsafe(ref low, (nuint)f))
                & Vector256.LessThanOrEqual(v, Vector256.LoadUnsafe(ref high, (nuint)f));
            if (Vector256.EqualsAll(ok.AsInt64(), Vector256<long>.AllBitsSet))
            {
                if (claimed)
                {
                    v.StoreUnsafe(ref destination, (nuint)f);
                }

                continue;
            }

            for (var lane = 0; lane < ChunkLanes; lane++)
            {
                RecordValue(f + lane, v.GetElement(lane), claimed, slot);
            }
        }

        return chunks;
    }

    /// <summary>Checks one value (counting a missing, non-finite, unseen or out-of-range one) and writes it into the
    /// claimed row, NaN for a value that is not finite.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void RecordValue(int f, double v, bool claimed, in RowSlot slot)
    {
        if (!double.IsFinite(v))
        {
            CountInvalid(f, double.IsNaN(v) ? DataQualityReason.Missing : DataQualityReason.NonFinite);
            v = double.NaN;
        }
        else if (_categorical[f])
        {
            var known = _categories[f];
            if (known.Length > 0 && known.AsSpan().BinarySearch(v) < 0)
            {
                CountInvalid(f, DataQualityReason.UnseenCategory);
            }
        }
        else if (v < _min[f] || v > _max[f])
        {
            CountInvalid(f, DataQualityReason.OutOfRange);
        }

        if (claimed)
        {
            slot.Write(f, v);
        }
    }

    private void WriteSingle(DriftWindow window, double value)
    {
        if (!window.TryBeginRow(out var slot))
        {
            return;
        }

        slot.Write(0, value);
        if (window.EndRow(slot))
        {
            OnWindowCompleted();
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void CountInvalid(int feature, DataQualityReason reason) =>
        Interlocked.Increment(ref _invalid[(feature * QualityReasons) + (int)reason]);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void OnWindowCompleted()
    {
        if (_options.EvaluateOnWindowCompletion && Interlocked.CompareExchange(ref _completionQueued, 1, 0) == 0)
        {
            ThreadPool.UnsafeQueueUserWorkItem(_completionWorkItem, preferLocal: false);
        }
    }

    /// <summary>The confidence of a classification as the prediction score; a NaN confidence (the model gave none) is
    /// not a missing value, so the score window skips it instead of counting it.</summary>
    private void RecordConfidence(double confidence)
    {
        if (!double.IsNaN(confidence))
        {
            RecordPrediction(confidence);
        }
    }
}
