using System.Diagnostics.Metrics;

namespace MlObservability.Lineage;

/// <summary>The process-wide model lineage instruments; they read every live <see cref="ModelLineageTracker"/>.</summary>
internal static class LineageInstruments
{
    internal const string TrainedAtTag = "ml.model.trained_at";
    internal const string DataSnapshotTag = "ml.model.data_snapshot";
    internal const string GitShaTag = "ml.model.git_sha";

    internal static readonly InstanceRegistry<ModelLineageTracker> Live = new();

    internal static readonly ObservableGauge<int> Info = MlTelemetry.Meter.CreateObservableGauge(
        "ml.model.info", () => Live.Items.Select(static t => t.ObserveInfo()), "{info}",
        "Registry facts of each loaded model version as labels (training time, data snapshot, git sha); always 1.");

    internal static readonly ObservableGauge<double> Age = MlTelemetry.Meter.CreateObservableGauge(
        "ml.model.age", () => Live.Items.SelectMany(static t => t.ObserveAge()), "s",
        "Time since the model version was trained; absent when the training time is unknown.");

    internal static readonly ObservableGauge<double> TimeSinceLoad = MlTelemetry.Meter.CreateObservableGauge(
        "ml.model.time_since_load", () => Live.Items.Select(static t => t.ObserveTimeSinceLoad()), "s",
        "Time since the service loaded the model version.");
}
