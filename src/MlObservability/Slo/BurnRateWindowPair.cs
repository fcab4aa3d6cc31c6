using System.Globalization;

namespace MlObservability.Slo;

/// <summary>
/// A multi-window burn-rate condition (Google SRE workbook, chapter 5): the objective burns its budget too fast when the
/// burn rate over both the <see cref="LongWindow"/> and the <see cref="ShortWindow"/> exceeds <see cref="Factor"/>.
/// The long window gives significance, the short one makes the alert reset quickly once the cause is gone.
/// </summary>
/// <param name="LongWindow">The long window, for example one hour.</param>
/// <param name="ShortWindow">The short window, usually a twelfth of the long one.</param>
/// <param name="Factor">The burn rate both windows must exceed (1 = spending the budget exactly over the SLO period).</param>
/// <param name="Severity">The severity when the condition holds: Critical pages, Warning opens a ticket.</param>
public sealed record BurnRateWindowPair(TimeSpan LongWindow, TimeSpan ShortWindow, double Factor, Severity Severity)
{
    /// <summary>The workbook's pairs for a 30-day SLO: 14.4x over 1 h and 5 min and 6x over 6 h and 30 min page;
    /// 1x over 3 days and 6 h opens a ticket.</summary>
    public static IReadOnlyList<BurnRateWindowPair> Standard { get; } =
    [
        new(TimeSpan.FromHours(1), TimeSpan.FromMinutes(5), 14.4, Severity.Critical),
        new(TimeSpan.FromHours(6), TimeSpan.FromMinutes(30), 6, Severity.Critical),
        new(TimeSpan.FromDays(3), TimeSpan.FromHours(6), 1, Severity.Warning),
    ];

    /// <summary>The pair's label, for example <c>1h-5m</c>.</summary>
    public string Label => FormatWindow(LongWindow) + "-" + FormatWindow(ShortWindow);

    /// <summary>Formats a window the way Prometheus writes durations (<c>5m</c>, <c>1h</c>, <c>3d</c>).</summary>
    /// <param name="window">The window.</param>
    /// <returns>The text.</returns>
    public static string FormatWindow(TimeSpan window)
    {
        if (window.TotalDays >= 1 && window.TotalDays == Math.Floor(window.TotalDays))
        {
            return ((long)window.TotalDays).ToString(CultureInfo.InvariantCulture) + "d";
        }

        if (window.TotalHours >= 1 && window.TotalHours == Math.Floor(window.TotalHours))
        {
            return ((long)window.TotalHours).ToString(CultureInfo.InvariantCulture) + "h";
        }

        if (window.TotalMinutes >= 1 && window.TotalMinutes == Math.Floor(window.TotalMinutes))
        {
            return ((long)window.TotalMinutes).ToString(CultureInfo.InvariantCulture) + "m";
        }

        return ((long)Math.Ceiling(window.TotalSeconds)).ToString(CultureInfo.InvariantCulture) + "s";
    }
}
