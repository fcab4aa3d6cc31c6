using System.Globalization;
using MlObservability.Diagnostics;

namespace MlObservability.Drift;

/// <summary>Rows whose width does not match the reference profile: reported once per evaluation pass, not only counted.</summary>
public sealed partial class DriftMonitor
{
    /// <summary>
    /// The <see cref="MonitoringEvent.Kind"/> published when feature rows of the wrong width arrived since the previous
    /// evaluation (<see cref="Severity.Critical"/>, so health checks report Degraded), and cleared
    /// (<see cref="Severity.None"/>) on the first evaluation after they stop.
    /// </summary>
    public const string WrongLengthEventKind = "input.wrong_length";

    private int _lastWrongWidth = -1;
    private long _wrongLengthAtLastEvaluation;
    private bool _wrongLengthOpen;

    /// <summary>The width of the most recent row that did not match the profile; -1 when none has.</summary>
    public int LastWrongRowWidth => Volatile.Read(ref _lastWrongWidth);

    /// <summary>Called under the evaluation gate: publishes or clears the wrong-width finding.</summary>
    private void ReportRowWidth(DateTimeOffset now)
    {
        long total = Volatile.Read(ref _wrongLength);
        long fresh = total - _wrongLengthAtLastEvaluation;
        _wrongLengthAtLastEvaluation = total;
        if (fresh == 0 && !_wrongLengthOpen)
        {
            return;
        }

        _wrongLengthOpen = fresh > 0;
        if (fresh > 0)
        {
            MlObservabilityEventSource.Log.DriftRowWidthMismatch(_modelName, LastWrongRowWidth, _featureCount, fresh);
        }

        if (_sink is null)
        {
            return;
        }

        string names = string.Join(", ", _profile.Features.Take(5).Select(f => f.Name)) + (_featureCount > 5 ? ", ..." : string.Empty);
        try
        {
            _sink.Publish(new MonitoringEvent
            {
                Kind = WrongLengthEventKind,
                ModelName = _modelName,
                ModelVersion = _modelVersion,
                Severity = fresh > 0 ? Severity.Critical : Severity.None,
                Value = fresh,
                Threshold = 0,
                Summary = fresh > 0
                    ? string.Create(CultureInfo.InvariantCulture,
                        $"{fresh} feature rows of {_modelName} had {LastWrongRowWidth} values but the reference profile has {_featureCount} features ({names}); they were dropped (ml_data_invalid_total{{reason=\"wrong_length\"}}) and drift is not measured on them. Record rows in the profile's feature order, or rebuild the profile from the model's inputs.")
                    : string.Create(CultureInfo.InvariantCulture, $"Feature rows of {_modelName} match the reference profile's {_featureCount} features again."),
                Timestamp = now,
            });
        }
        catch (Exception e)
        {
            MlObservabilityEventSource.Log.DriftSinkFailed(EvaluatorName, e.ToString());
        }
    }
}
