namespace Kefu.Core.Customers;

/// <summary>Why someone asks (CUS-07): to become an agent/dealer, or to buy.</summary>
public enum InquiryIntent
{
    BecomeAgent,
    Buy,
}

/// <summary>A place: province, city, district (any may be blank for a wider territory).</summary>
public sealed record Region(string Province, string? City = null, string? District = null)
{
    /// <summary>Whether this territory covers <paramref name="place"/> (a dealer for a whole province covers its cities).</summary>
    public bool Covers(Region place) =>
        Province == place.Province && (City is null || City == place.City) && (District is null || District == place.District);

    /// <summary>How close another place is: 3 same district, 2 same city, 1 same province, 0 elsewhere.</summary>
    public int Closeness(Region other) =>
        Province != other.Province ? 0 : City is null || City != other.City ? 1 : District is not null && District == other.District ? 3 : 2;
}

/// <summary>An existing dealer's territory, channels and product lines.</summary>
public sealed record Dealer(string DealerId, Region Territory, IReadOnlySet<string> Channels, IReadOnlySet<string> ProductLines);

public enum TerritoryOutcome
{
    /// <summary>Blank region, or no overlap with the dealers there: may sign as agent.</summary>
    MaySign,

    /// <summary>A dealer already sells the same product lines through the same channels there.</summary>
    QuoteDistributorPriceOrRefer,

    /// <summary>A buyer goes to the nearest dealer.</summary>
    ReferToDealer,

    /// <summary>A buyer where no dealer sells: head office serves them.</summary>
    SellDirect,
}

public sealed record TerritoryDecision(TerritoryOutcome Outcome, IReadOnlyList<string> DealerIds);

/// <summary>
/// CUS-07: the territory check. A buyer is referred to the nearest dealer. An agent request in a
/// blank region may sign; where dealers exist it may sign only when no dealer there sells the same
/// product line through the same channel (a conflict needs both to overlap); otherwise quote
/// distributor-level prices or refer to the local dealer.
/// </summary>
public static class TerritoryRules
{
    public static TerritoryDecision Decide(InquiryIntent intent, Region place, IReadOnlySet<string> channels, IReadOnlySet<string> productLines, IReadOnlyList<Dealer> dealers)
    {
        if (intent == InquiryIntent.Buy)
        {
            var best = dealers.Select(d => (d, closeness: d.Territory.Closeness(place))).Where(x => x.closeness > 0)
                .OrderByDescending(x => x.closeness).ThenBy(x => x.d.DealerId, StringComparer.Ordinal).FirstOrDefault();
            return best.d is null
                ? new TerritoryDecision(TerritoryOutcome.SellDirect, [])
                : new TerritoryDecision(TerritoryOutcome.ReferToDealer, [best.d.DealerId]);
        }

        var local = dealers.Where(d => d.Territory.Covers(place) || place.Covers(d.Territory)).ToList();
        var conflicts = local.Where(d => d.Channels.Overlaps(channels) && d.ProductLines.Overlaps(productLines))
            .Select(d => d.DealerId).Order(StringComparer.Ordinal).ToArray();
        return conflicts.Length == 0
            ? new TerritoryDecision(TerritoryOutcome.MaySign, local.Select(d => d.DealerId).Order(StringComparer.Ordinal).ToArray())
            : new TerritoryDecision(TerritoryOutcome.QuoteDistributorPriceOrRefer, conflicts);
    }
}
