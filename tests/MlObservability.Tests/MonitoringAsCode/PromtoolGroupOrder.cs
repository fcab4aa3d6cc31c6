using System.Text;
using MlObservability.MonitoringAsCode;

namespace MlObservability.Tests.MonitoringAsCode;

/// <summary>
/// Writes promtool's <c>group_eval_order</c>: the generated files put recording rules and the alerts that read them in
/// separate groups, and without an order promtool evaluates groups in Go's random map order, so an alert sees the
/// recorded series of this minute or of the previous one from run to run (a flaky test). Listing the groups as
/// generated (recording before alerts) makes every run evaluate them the same way.
/// </summary>
internal static class PromtoolGroupOrder
{
    public static StringBuilder Append(StringBuilder text, IEnumerable<PrometheusRuleGroup> groups)
    {
        text.Append("group_eval_order:\n");
        foreach (var group in groups)
        {
            text.Append("  - ").Append(YamlText.Quote(group.Name)).Append('\n');
        }

        return text;
    }
}
