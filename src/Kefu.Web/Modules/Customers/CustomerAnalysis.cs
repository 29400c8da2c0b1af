using Kefu.Core.Organization;

namespace Kefu.Web.Modules.Customers;

/// <summary>The subjects of the customer analysis sheet (客户透析表, CUS-06).</summary>
public enum AnalysisTopic
{
    Orders,
    Cases,
    Complaints,
    Satisfaction,
    Receivables,
    Visits,

    /// <summary>Field service jobs (FLD-05) and their charges.</summary>
    Service,
}

/// <summary>A headline figure: a localisation key for its label and its value as shown.</summary>
public sealed record AnalysisFigure(string LabelKey, string Value);

/// <summary>A recent record under a section.</summary>
public sealed record AnalysisItem(DateTime AtUtc, string Text, string? Link);

public sealed record AnalysisSection(AnalysisTopic Topic, string TitleKey, IReadOnlyList<AnalysisFigure> Figures, IReadOnlyList<AnalysisItem> Recent, string? Link = null);

/// <summary>
/// The extension point of CUS-06: each module that knows something about a customer registers a
/// section. The sheet shows every registered section and names the topics no module feeds yet
/// (receivables, until a module keeps them).
/// </summary>
public interface ICustomerAnalysisSection
{
    AnalysisTopic Topic { get; }

    /// <summary>The section for one customer the viewer may see (the caller has checked the customer's scope).</summary>
    Task<AnalysisSection> BuildAsync(ScopeViewer viewer, int customerId, CancellationToken ct);
}
