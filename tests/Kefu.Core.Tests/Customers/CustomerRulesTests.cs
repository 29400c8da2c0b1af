using Kefu.Core.Customers;

namespace Kefu.Core.Tests.Customers;

public sealed class CustomerRulesTests
{
    [Fact]
    public void CUS_04_suggestion_balances_count_against_ability()
    {
        SpecialistLoad[] specialists = [new("a", 10, 1m), new("b", 4, 1m), new("c", 10, 2m)];
        var suggestion = AssignmentBalancer.Suggest([.. Enumerable.Range(1, 12).Select(i => $"cust{i}")], specialists);
        var counts = suggestion.GroupBy(s => s.SpecialistId).ToDictionary(g => g.Key, g => g.Count());
        // After: a 10, b 4+x, c 10+y with (4+x)/1 ≈ (10+y)/2 → b gets 7 (11), c gets 5 (15 ≈ 7.5 per unit).
        Assert.False(counts.ContainsKey("a"));
        Assert.Equal(12, counts.Values.Sum());
        var loads = new Dictionary<string, decimal> { ["b"] = (4 + counts.GetValueOrDefault("b")) / 1m, ["c"] = (10 + counts.GetValueOrDefault("c")) / 2m };
        Assert.True(Math.Abs(loads["b"] - loads["c"]) <= 1m, $"b {loads["b"]} c {loads["c"]}");
    }

    [Fact]
    public void CUS_04_suggestion_is_stable_and_ignores_specialists_without_ability()
    {
        SpecialistLoad[] specialists = [new("x", 0, 1m), new("y", 0, 1m), new("z", 0, 0m)];
        var first = AssignmentBalancer.Suggest(["1", "2", "3", "4"], specialists);
        Assert.Equal(first, AssignmentBalancer.Suggest(["1", "2", "3", "4"], specialists));
        Assert.Equal(["x", "y", "x", "y"], first.Select(s => s.SpecialistId));
        Assert.Empty(AssignmentBalancer.Suggest(["1"], [new("z", 0, 0m)]));
    }

    [Theory]
    [InlineData("上海浦江物流有限公司", "上海 浦江物流 有限公司", true)]
    [InlineData("ＡＢＣ科技（上海）", "abc科技(上海)", true)]
    [InlineData("上海浦江物流", "杭州浦江物流", false)]
    public void CUS_03_names_match_ignoring_width_case_spaces_and_punctuation(string a, string b, bool same) =>
        Assert.Equal(same, DuplicateKeys.Name(a) == DuplicateKeys.Name(b));

    [Fact]
    public void CUS_03_phones_and_tax_ids_are_normalised()
    {
        Assert.Equal("13800138000", DuplicateKeys.Phone("+86 138-0013-8000"));
        Assert.Equal("13800138000", DuplicateKeys.Phone("0086 13800138000"));
        Assert.Equal("02112345678", DuplicateKeys.Phone("021-1234 5678"));
        Assert.Equal("91310000MA1FL1234X", DuplicateKeys.TaxId(" 91310000ma1fl1234x "));
        Assert.Equal(["phone", "taxId"], DuplicateKeys.Shared(("甲公司", "138 0013 8000", "91310000MA1FL1234X"), ("乙公司", "+8613800138000", "91310000ma1fl1234x")));
        Assert.Empty(DuplicateKeys.Shared(("甲", "", ""), ("乙", "", "")));
    }

    private static readonly Region Pudong = new("上海", "上海", "浦东");
    private static Dealer D(string id, Region r, string[] channels, string[] lines) => new(id, r, channels.ToHashSet(), lines.ToHashSet());

    [Fact]
    public void CUS_07_agent_in_a_blank_region_may_sign()
    {
        var decision = TerritoryRules.Decide(InquiryIntent.BecomeAgent, Pudong, new HashSet<string> { "零售" }, new HashSet<string> { "空调" },
            [D("d1", new Region("浙江"), ["零售"], ["空调"])]);
        Assert.Equal(TerritoryOutcome.MaySign, decision.Outcome);
    }

    [Fact]
    public void CUS_07_agent_where_a_dealer_sells_the_same_line_through_the_same_channel_gets_distributor_prices()
    {
        Dealer[] dealers = [D("d1", new Region("上海"), ["零售", "工程"], ["空调"]), D("d2", new Region("上海", "上海", "浦东"), ["电商"], ["热水器"])];
        var conflict = TerritoryRules.Decide(InquiryIntent.BecomeAgent, Pudong, new HashSet<string> { "工程" }, new HashSet<string> { "空调" }, dealers);
        Assert.Equal(TerritoryOutcome.QuoteDistributorPriceOrRefer, conflict.Outcome);
        Assert.Equal(["d1"], conflict.DealerIds);
        // Same region, but another channel or another product line: no conflict.
        Assert.Equal(TerritoryOutcome.MaySign, TerritoryRules.Decide(InquiryIntent.BecomeAgent, Pudong, new HashSet<string> { "电商" }, new HashSet<string> { "空调" }, dealers).Outcome);
    }

    [Fact]
    public void CUS_07_buyer_is_referred_to_the_nearest_dealer()
    {
        Dealer[] dealers = [D("province", new Region("上海"), ["零售"], ["空调"]), D("district", Pudong, ["零售"], ["空调"]), D("far", new Region("北京"), ["零售"], ["空调"])];
        var decision = TerritoryRules.Decide(InquiryIntent.Buy, Pudong, new HashSet<string>(), new HashSet<string>(), dealers);
        Assert.Equal(TerritoryOutcome.ReferToDealer, decision.Outcome);
        Assert.Equal(["district"], decision.DealerIds);
        Assert.Equal(TerritoryOutcome.SellDirect, TerritoryRules.Decide(InquiryIntent.Buy, new Region("西藏"), new HashSet<string>(), new HashSet<string>(), dealers).Outcome);
    }
}
