using Kefu.Core.Organization;
using Kefu.Core.Customers;
using Kefu.Web.Data;
using Kefu.Web.Platform.Http;
using Kefu.Web.Platform.Scoping;
using Microsoft.EntityFrameworkCore;

namespace Kefu.Web.Modules.Customers;

public sealed record InquiryInput(
    string? Company, string? ContactName, string? Phone, InquiryIntent? Intent, string? Province, string? City, string? District,
    string? Channels, string? ProductLines, string? Notes, int? CentreId);

public sealed record StageInput(InquiryStage? Stage, string? Notes, int? Version);

public sealed record InquiryDto(
    int Id, string Company, string? ContactName, string? Phone, InquiryIntent Intent, string Province, string? City, string? District, string Channels,
    string ProductLines, TerritoryOutcome Outcome, IReadOnlyList<string> Dealers, InquiryStage Stage, string? Notes, int? CustomerId, int Version);

/// <summary>
/// CUS-07: development inquiries. The territory decision is taken against the dealers on file
/// (customers of type agent/distributor with a region, channels and product lines); the inquiry
/// then moves through the pipeline, and its first order makes it a customer.
/// </summary>
public sealed class InquiryUseCases(KefuDbContext db, CustomerUseCases customers, TimeProvider clock)
{
    public static InquiryDto ToDto(Inquiry i) => new(
        i.Id, i.Company, i.ContactName, i.Phone, i.Intent, i.Province, i.City, i.District, i.Channels, i.ProductLines, i.Outcome,
        Split(i.Dealers), i.Stage, i.Notes, i.CustomerId, i.Version);

    /// <summary>The territory check alone, so the form can show the outcome before saving.</summary>
    public async Task<TerritoryDecision> CheckAsync(InquiryIntent intent, Region place, string? channels, string? productLines, CancellationToken ct)
    {
        var dealers = await db.Set<Customer>().AsNoTracking()
            .Where(c => c.Type == CustomerType.AgentDistributor && c.Province == place.Province)
            .Select(c => new { c.Number, c.Province, c.City, c.District, c.Channel, c.ProductLines }).ToListAsync(ct);
        return TerritoryRules.Decide(intent, place, Set(channels), Set(productLines),
            dealers.Select(d => new Dealer(d.Number, new Region(d.Province!, d.City, d.District), Set(d.Channel), Set(d.ProductLines))).ToArray());
    }

    public async Task<(Inquiry? Inquiry, ProblemBuilder Problems)> CreateAsync(ScopeViewer viewer, string userId, InquiryInput input, CancellationToken ct)
    {
        var problems = new ProblemBuilder();
        problems.Required("company", input.Company).MaxLength("company", input.Company, 200).MaxLength("contactName", input.ContactName, 100)
            .MaxLength("phone", input.Phone, 40).Phone("phone", input.Phone).Required("province", input.Province).MaxLength("province", input.Province, 50)
            .MaxLength("city", input.City, 50).MaxLength("district", input.District, 50).MaxLength("channels", input.Channels, 200)
            .MaxLength("productLines", input.ProductLines, 300).MaxLength("notes", input.Notes, 2000);
        if (input.Intent is not { } intent || !Enum.IsDefined(intent))
        {
            problems.Add("intent", "Validation.RequiredHere");
        }
        else if (intent == InquiryIntent.BecomeAgent && (Set(input.Channels).Count == 0 || Set(input.ProductLines).Count == 0))
        {
            // The territory check needs both to tell an overlap from a blank field.
            problems.Add(Set(input.Channels).Count == 0 ? "channels" : "productLines", "Validation.RequiredHere");
        }

        var centre = await customers.CentreAsync(viewer, input.CentreId, userId, problems, ct);
        if (problems.HasErrors)
        {
            return (null, problems);
        }

        var place = new Region(input.Province!.Trim(), Trim(input.City), Trim(input.District));
        var decision = await CheckAsync(input.Intent!.Value, place, input.Channels, input.ProductLines, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var inquiry = new Inquiry
        {
            Company = input.Company!.Trim(), ContactName = Trim(input.ContactName), Phone = Trim(input.Phone), Intent = input.Intent!.Value,
            Province = place.Province, City = place.City, District = place.District, Channels = Join(input.Channels), ProductLines = Join(input.ProductLines),
            Outcome = decision.Outcome, Dealers = decision.DealerIds.Count == 0 ? null : string.Join(",", decision.DealerIds),
            Stage = decision.Outcome == TerritoryOutcome.ReferToDealer ? InquiryStage.Closed : InquiryStage.IntroduceProducts,
            Notes = Trim(input.Notes), OwnerId = userId, OrgPath = centre!.Path, CentreId = centre.Id, CreatedAt = now, UpdatedAt = now,
        };
        db.Add(inquiry);
        await db.SaveChangesAsync(ct);
        return (inquiry, problems);
    }

    /// <summary>
    /// Moves an inquiry along the pipeline (forward one or more stages, or closed). Reaching the
    /// first order creates the customer: an agent/distributor for an agent request, otherwise a
    /// contract customer, owned by the inquiry's owner.
    /// </summary>
    public async Task<(Inquiry? Inquiry, ProblemBuilder Problems, bool Conflict)> MoveAsync(ScopeViewer viewer, string userId, int id, StageInput input, CancellationToken ct)
    {
        var problems = new ProblemBuilder();
        var inquiry = await db.Set<Inquiry>().VisibleTo(viewer).SingleOrDefaultAsync(i => i.Id == id, ct);
        if (inquiry is null)
        {
            return (null, problems, false);
        }

        if (input.Version is { } version && version != inquiry.Version)
        {
            return (inquiry, problems, true);
        }

        problems.MaxLength("notes", input.Notes, 2000);
        if (input.Stage is not { } stage || !Enum.IsDefined(stage))
        {
            problems.Add("stage", "Validation.RequiredHere");
        }
        else if (inquiry.Stage is InquiryStage.Closed or InquiryStage.FirstOrder || (stage != InquiryStage.Closed && stage <= inquiry.Stage))
        {
            problems.Add("stage", "Inquiry.StageBackwards");
        }

        if (problems.HasErrors)
        {
            return (inquiry, problems, false);
        }

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        inquiry.Stage = input.Stage!.Value;
        inquiry.Notes = Trim(input.Notes) ?? inquiry.Notes;
        inquiry.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        if (inquiry.Stage == InquiryStage.FirstOrder)
        {
            var created = await customers.CreateAsync(viewer, userId, new CustomerInput(
                inquiry.Company, inquiry.Intent == InquiryIntent.BecomeAgent ? CustomerType.AgentDistributor : CustomerType.Contract, null, inquiry.Phone, null,
                inquiry.Province, inquiry.City, inquiry.District, null, inquiry.Intent == InquiryIntent.BecomeAgent ? inquiry.Channels : null, null, null, null,
                inquiry.ContactName, null, null, inquiry.Notes, inquiry.CentreId, ConfirmDuplicate: true, null,
                inquiry.Intent == InquiryIntent.BecomeAgent ? inquiry.ProductLines : null), ct);
            if (created is CustomerResult.Ok ok)
            {
                inquiry.CustomerId = ok.Id;
            }
            else if (created is CustomerResult.Invalid invalid)
            {
                return (inquiry, invalid.Problems, false);
            }
        }

        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return (inquiry, problems, false);
    }

    internal static IReadOnlySet<string> Set(string? csv) =>
        (csv ?? "").Split([',', '，', '、', ';'], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.OrdinalIgnoreCase);

    private static string Join(string? csv) => string.Join(",", Set(csv).Order(StringComparer.Ordinal));

    private static string[] Split(string? csv) => (csv ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries);

    private static string? Trim(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
