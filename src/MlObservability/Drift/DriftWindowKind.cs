namespace MlObservability.Drift;

/// <summary>How a <see cref="DriftMonitor"/> groups production traffic into windows.</summary>
public enum DriftWindowKind
{
    /// <summary>Consecutive windows of <see cref="DriftMonitorOptions.WindowSize"/> rows; each full window is evaluated
    /// once. Rows that arrive while a full window waits for evaluation are skipped (counted), so memory stays at two
    /// windows whatever the traffic.</summary>
    CountTumbling = 0,

    /// <summary>The last <see cref="DriftMonitorOptions.SlidingWindow"/> of traffic, kept as
    /// <see cref="DriftMonitorOptions.SlidingSlices"/> slices of at most <see cref="DriftMonitorOptions.MaxRowsPerSlice"/>
    /// rows each (rows beyond a slice's cap are skipped and counted); evaluated each time a slice completes.</summary>
    TimeSliding = 1,
}
