using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace MlObservability.Hosting.Health;

/// <summary>
/// Writes a <see cref="HealthReport"/> as JSON: the overall status, every check (status, description, duration, tags),
/// and every monitored model with its open findings and since when each has been open. With ASP.NET Core:
/// <code>
/// app.MapHealthChecks("/health/ml", new HealthCheckOptions
/// {
///     ResponseWriter = (context, report) =>
///     {
///         context.Response.ContentType = MlMonitoringHealthResponseWriter.ContentType;
///         return MlMonitoringHealthResponseWriter.WriteAsync(context.Response.Body, report, context.RequestAborted);
///     },
/// });
/// </code>
/// It takes a stream so that this package does not depend on ASP.NET Core (worker services use it too).
/// </summary>
public static class MlMonitoringHealthResponseWriter
{
    /// <summary>The content type written.</summary>
    public const string ContentType = "application/json; charset=utf-8";

    private static readonly JsonWriterOptions Options = new() { Indented = true };

    /// <summary>Writes <paramref name="report"/> as JSON to <paramref name="body"/>.</summary>
    /// <param name="body">The stream to write to (left open).</param>
    /// <param name="report">The health report.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when the JSON is written and flushed.</returns>
    public static async Task WriteAsync(Stream body, HealthReport report, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(report);
        await using var json = new Utf8JsonWriter(body, Options);
        Write(json, report);
        await json.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    private static void Write(Utf8JsonWriter json, HealthReport report)
    {
        json.WriteStartObject();
        json.WriteString("status", report.Status.ToString());
        json.WriteNumber("durationSeconds", report.TotalDuration.TotalSeconds);

        json.WriteStartObject("checks");
        foreach (var (name, entry) in report.Entries)
        {
            json.WriteStartObject(name);
            json.WriteString("status", entry.Status.ToString());
            json.WriteString("description", entry.Description);
            json.WriteNumber("durationSeconds", entry.Duration.TotalSeconds);
            json.WriteStartArray("tags");
            foreach (var tag in entry.Tags)
            {
                json.WriteStringValue(tag);
            }

            json.WriteEndArray();
            if (entry.Exception is not null)
            {
                json.WriteString("error", entry.Exception.Message);
            }

            var other = entry.Data.Where(d => d.Value is not (HealthFinding or SloHealth) && d.Key != MlMonitoringHealthCheck.ModelsDataKey).ToArray();
            if (other.Length > 0)
            {
                json.WriteStartObject("data");
                foreach (var (key, value) in other)
                {
                    json.WriteString(key, Convert.ToString(value, CultureInfo.InvariantCulture));
                }

                json.WriteEndObject();
            }

            json.WriteEndObject();
        }

        json.WriteEndObject();
        WriteModels(json, report);
        json.WriteEndObject();
    }

    /// <summary>Every model named by an ML monitoring check or one of its findings, healthy ones included.</summary>
    private static void WriteModels(Utf8JsonWriter json, HealthReport report)
    {
        var findings = report.Entries.Values.SelectMany(e => e.Data.Values.OfType<HealthFinding>()).ToArray();
        var slos = report.Entries.Values.SelectMany(e => e.Data.Values.OfType<SloHealth>()).ToArray();
        var names = report.Entries.Values
            .SelectMany(e => e.Data.TryGetValue(MlMonitoringHealthCheck.ModelsDataKey, out var m) && m is IEnumerable<string> list ? list : [])
            .Concat(findings.Select(f => f.Model))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal);

        json.WriteStartArray("models");
        foreach (var name in names)
        {
            var mine = findings.Where(f => f.Model == name).OrderBy(f => f.Since).ThenBy(f => f.Kind, StringComparer.Ordinal).ToArray();
            json.WriteStartObject();
            json.WriteString("name", name);
            json.WriteString("status", (mine.Length == 0 ? HealthStatus.Healthy : mine.Min(f => f.Status)).ToString());
            json.WriteStartArray("findings");
            foreach (var finding in mine)
            {
                WriteFinding(json, finding);
            }

            json.WriteEndArray();
            json.WriteStartArray("slos");
            foreach (var slo in slos.Where(s => s.Model == name).OrderBy(s => s.Objective, StringComparer.Ordinal))
            {
                WriteSlo(json, slo);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    /// <summary>One objective: compliance, budget left and when it runs out at the current burn rate
    /// (<c>errorBudgetExhaustionSeconds</c>: 0 = spent, null = not burning).</summary>
    private static void WriteSlo(Utf8JsonWriter json, SloHealth slo)
    {
        json.WriteStartObject();
        json.WriteString("name", slo.Objective);
        WriteNumber(json, "compliance", slo.Compliance);
        WriteNumber(json, "errorBudgetRemaining", slo.ErrorBudgetRemaining);
        WriteNumber(json, "errorBudgetExhaustionSeconds", slo.ErrorBudgetExhaustionSeconds);
        WriteNumber(json, "forecastBurnRate", slo.ForecastBurnRate);
        json.WriteString("evaluatedAt", slo.EvaluatedAt);
        json.WriteEndObject();
    }

    private static void WriteFinding(Utf8JsonWriter json, HealthFinding finding)
    {
        json.WriteStartObject();
        json.WriteString("kind", finding.Kind);
        json.WriteString("severity", finding.Severity.ToString());
        json.WriteString("status", finding.Status.ToString());
        json.WriteString("version", finding.Version);
        json.WriteStartObject("labels");
        foreach (var (key, value) in finding.Labels)
        {
            json.WriteString(key, value);
        }

        json.WriteEndObject();
        json.WriteString("summary", finding.Summary);
        WriteNumber(json, "value", finding.Value);
        if (finding.Threshold is { } threshold)
        {
            WriteNumber(json, "threshold", threshold);
        }

        json.WriteString("since", finding.Since);
        json.WriteString("lastSeen", finding.LastSeen);
        json.WriteEndObject();
    }

    private static void WriteNumber(Utf8JsonWriter json, string name, double value)
    {
        if (double.IsFinite(value))
        {
            json.WriteNumber(name, value);
        }
        else
        {
            json.WriteNull(name);
        }
    }
}
