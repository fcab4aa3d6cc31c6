namespace MlObservability.Drift;

/// <summary>
/// Bounded storage for the rows of a drift monitor, row-major (value of column c of row r at
/// <c>Buffer[r * Stride + c]</c>, Stride = columns) so that recording a row writes contiguous memory. Writers claim a row lock-free, write its columns and end it; the evaluator takes the
/// rows that are due. Memory is fixed at construction.
/// </summary>
internal abstract class DriftWindow
{
    protected DriftWindow(int columns) => Columns = columns;

    public int Columns { get; }

    /// <summary>The most rows <see cref="TakeDue"/> can return.</summary>
    public abstract int MaxRows { get; }

    /// <summary>Claims a row; <see langword="false"/> when the window has no room (the row is skipped).</summary>
    public abstract bool TryBeginRow(out RowSlot slot);

    /// <summary>Ends a row; <see langword="true"/> when it completed a window that is now due for evaluation.</summary>
    public abstract bool EndRow(in RowSlot slot);

    /// <summary>Collects the due rows into <paramref name="segments"/> (evaluation thread only); <see langword="false"/>
    /// when nothing is due. Returns the number of rows collected.</summary>
    public abstract int TakeDue(long timestamp, List<WindowSegment> segments);

    /// <summary>Hands back what the last <see cref="TakeDue"/> collected, once it is evaluated (evaluation thread only);
    /// <see langword="true"/> when another window became due meanwhile.</summary>
    public virtual bool Release() => false;

    /// <summary>Rows written and waiting for a window to fill (exact once writers are quiet); 0 for windows that keep
    /// rows across evaluations.</summary>
    public virtual int PendingRows => 0;
}

/// <summary>A claimed row of a window.</summary>
internal readonly struct RowSlot(double[] buffer, int stride, int index, object? owner = null)
{
    public readonly double[] Buffer = buffer;
    public readonly object? Owner = owner;
    public readonly int Stride = stride;
    public readonly int Index = index;

    public void Write(int column, double value) => Buffer[(Index * Stride) + column] = value;
}

/// <summary>Rows 0..Count-1 of a row-major buffer.</summary>
internal readonly record struct WindowSegment(double[] Buffer, int Stride, int Count);
