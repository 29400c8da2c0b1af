using Kefu.Core.Organization;

namespace Kefu.Web.Platform.Dashboard;

/// <summary>How a figure asks for attention.</summary>
public enum FigureTone
{
    Normal,
    Warning,
    Danger,
}

/// <summary>How the values of a chart series read in the table beneath it.</summary>
public enum ValueFormat
{
    Count,
    Percent,
    Money,
}

/// <summary>
/// A headline number of a card: a localisation key for its label, the value as shown, and the
/// filtered list that makes it up (RPT-01: every number on a dashboard is a link).
/// </summary>
public sealed record DashboardFigure(string LabelKey, string Value, string? Link, FigureTone Tone = FigureTone.Normal, string? Name = null)
{
    public static DashboardFigure Count(string labelKey, int count, string link, FigureTone toneWhenAny = FigureTone.Normal, string? name = null) =>
        new(labelKey, count.ToString(System.Globalization.CultureInfo.InvariantCulture), link, count > 0 ? toneWhenAny : FigureTone.Normal, name);
}

/// <summary>A record under a card: its text (data, not a key), where it opens, and its deadline if it has one.</summary>
public sealed record DashboardItem(string Text, string? Link, DateTime? DueUtc = null);

/// <summary>
/// A series of a chart: its localised name's key, one value per category (null for a gap), drawn
/// as "bar" or "line", and optionally one link per category for its cell in the table.
/// </summary>
public sealed record DashboardSeries(string NameKey, IReadOnlyList<decimal?> Values, string Kind = "bar", ValueFormat Format = ValueFormat.Count,
    IReadOnlyList<string?>? Links = null);

/// <summary>
/// An ECharts chart with the table of its exact values beneath (UI.md "Charts and numbers").
/// Categories are data (weeks, branch names), shown as they are; the header of their column is a key.
/// </summary>
public sealed record DashboardChart(string CategoryKey, IReadOnlyList<string> Categories, IReadOnlyList<DashboardSeries> Series);

/// <summary>A widget's card: title key, figures, an optional short list and an optional chart.</summary>
public sealed record DashboardCard(string TitleKey, IReadOnlyList<DashboardFigure> Figures, IReadOnlyList<DashboardItem>? Items = null, DashboardChart? Chart = null,
    string? ItemsTitleKey = null, string? Link = null);

/// <summary>Who looks at the dashboard: their data scope (ORG-03) and their roles.</summary>
public sealed record DashboardViewer(ScopeViewer Scope, IReadOnlyList<Role> Roles, DateTimeOffset Now)
{
    public string UserId => Scope.UserId;

    public bool HasAny(IEnumerable<Role> roles) => roles.Any(Roles.Contains);
}

/// <summary>
/// The extension point of RPT-01: each module registers its widgets
/// (<c>AddScoped&lt;IDashboardWidget, …&gt;()</c> in its module file) and the home page shows those
/// that show to the viewer, in order. A widget reads only what the viewer's scope allows, with
/// counts and grouped sums in SQL; one that fails is logged and left out, the page still shows.
/// </summary>
public interface IDashboardWidget
{
    /// <summary>A stable name, for logs and for tests (<c>data-widget</c> on the card).</summary>
    string Key { get; }

    /// <summary>Lower first: what waits for me before company figures.</summary>
    int Order { get; }

    /// <summary>Whether the widget is for this viewer at all (by role and scope).</summary>
    bool ShowsTo(DashboardViewer viewer);

    /// <summary>The card; null when there is nothing to show this viewer today.</summary>
    Task<DashboardCard?> BuildAsync(DashboardViewer viewer, CancellationToken ct);
}

/// <summary>Orders shared by the modules' widgets, so the page reads from "mine" to "company".</summary>
public static class WidgetOrder
{
    public const int MyWork = 100;
    public const int Team = 200;
    public const int Finance = 300;
    public const int Company = 400;
}
