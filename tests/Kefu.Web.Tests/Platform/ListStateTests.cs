using System.Net;
using Kefu.Web.Tests.Infrastructure;

namespace Kefu.Web.Tests.Platform;

/// <summary>
/// UI.md "List pages" on the receivables, performance and field-job lists: the filters and the sort
/// come back when you return, an empty list says what to do next (and offers to clear the filters),
/// and the payments and jobs sort on their columns like the other lists.
/// </summary>
public abstract partial class ListSortTests
{
    [ProviderTheory]
    [InlineData("finance", "/receivables/invoices", "q=没有这样的发票zzz&sort=customer&dir=desc")]
    [InlineData("finance", "/receivables/ledger", "q=没有这样的确认书zzz&sort=customer&dir=desc")]
    [InlineData("finance", "/receivables/payments", "q=没有这样的回款zzz&sort=amount&dir=desc")]
    [InlineData("finance", "/receivables/statements", "q=没有这样的对账单zzz")]
    [InlineData("finance", "/receivables/collection", "q=没有这样的项目zzz")]
    [InlineData("sh.sup", "/performance/ledger", "month=2020-01")]
    [InlineData("sh.sup", "/performance/ranking", "month=2020-01")]
    [InlineData("sh.sup", "/performance/reports", "month=2020-01")]
    [InlineData("sh.coord", "/field/jobs", "q=没有这样的工单zzz&sort=priority&dir=desc")]
    public async Task A_money_performance_or_job_list_brings_back_its_filters_and_says_what_to_do_when_empty(string userName, string page, string filters)
    {
        using var client = await PageSession.SignedInAsync(app, userName);
        using (var filtered = await client.GetAsync($"{page}?{filters}"))
        {
            var html = WebUtility.HtmlDecode(await filtered.Content.ReadAsStringAsync());
            Assert.True(filtered.StatusCode == HttpStatusCode.OK, $"{page}: {(int)filtered.StatusCode}");
            Assert.Contains("data-testid=\"empty-state\"", html, StringComparison.Ordinal);
            Assert.Contains($"{page}?clear=1", html, StringComparison.Ordinal);
        }

        using (var back = await client.GetAsync(page))
        {
            Assert.Equal(HttpStatusCode.Redirect, back.StatusCode);
            var location = Uri.UnescapeDataString(back.Headers.Location!.OriginalString);
            Assert.StartsWith(page + "?", location, StringComparison.Ordinal);
            foreach (var part in filters.Split('&'))
            {
                Assert.Contains(part, location, StringComparison.Ordinal);
            }
        }

        using (var clear = await client.GetAsync($"{page}?clear=1"))
        {
            Assert.Equal(HttpStatusCode.Redirect, clear.StatusCode);
            Assert.Equal(page, clear.Headers.Location!.OriginalString);
        }

        using var plain = await client.GetAsync(page);
        Assert.Equal(HttpStatusCode.OK, plain.StatusCode);
    }

    [ProviderTheory]
    [InlineData("finance", "/receivables/payments")]
    [InlineData("finance", "/receivables/invoices")]
    [InlineData("sh.sup", "/performance/ledger")]
    [InlineData("sh.coord", "/field/jobs")]
    [InlineData("admin", "/deadlines")]
    public async Task The_money_performance_and_job_lists_ignore_an_unknown_sort_column(string userName, string page)
    {
        using var client = await PageSession.SignedInAsync(app, userName);
        using var response = await client.GetAsync($"{page}?sort=nonsense&dir=sideways");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [ProviderFact]
    public async Task The_payments_api_sorts_and_refuses_an_unknown_column_naming_the_field()
    {
        using var client = await app.ClientFor("finance");
        using var bad = await client.GetAsync("/api/receivables/payments?sort=password&dir=asc");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("sort", await bad.ProblemFieldsAsync());

        using var direction = await client.GetAsync("/api/receivables/payments?sort=amount&dir=sideways");
        Assert.Equal(HttpStatusCode.BadRequest, direction.StatusCode);
        Assert.Contains("dir", await direction.ProblemFieldsAsync());

        foreach (var column in new[] { "received", "customer", "method", "amount" })
        {
            using var sorted = await client.GetAsync($"/api/receivables/payments?sort={column}&dir=desc");
            Assert.Equal(HttpStatusCode.OK, sorted.StatusCode);
        }
    }

    [ProviderFact]
    public async Task The_job_list_offers_its_sort_and_keeps_it_in_the_live_refresh()
    {
        using var client = await PageSession.SignedInAsync(app, "sh.coord");
        var html = WebUtility.HtmlDecode(await client.GetStringAsync("/field/jobs?state=all&sort=priority&dir=desc"));
        Assert.Contains("data-testid=\"sort-choice\"", html, StringComparison.Ordinal);
        Assert.Matches(@"<option value=""priority"" selected=""selected"">", html);
        Assert.Matches(@"<option value=""desc"" selected=""selected"">", html);
        // The technician's phone refreshes the rows in the same order.
        Assert.Matches(@"hx-get=""/field/jobs\?[^""]*sort=priority[^""]*handler=Rows", html);
    }

    [ProviderFact]
    public async Task The_pager_moves_to_the_next_page()
    {
        using var client = await PageSession.SignedInAsync(app, "admin");
        var first = WebUtility.HtmlDecode(await client.GetStringAsync("/admin/audit?sort=at&dir=asc&page=1"));
        var second = WebUtility.HtmlDecode(await client.GetStringAsync("/admin/audit?sort=at&dir=asc&page=2"));
        static (int From, int To) Shown(string html)
        {
            var shown = System.Text.RegularExpressions.Regex.Match(html, @"第 (\d+)–(\d+) 条，共 (\d+) 条");
            Assert.True(shown.Success, "The pager says which rows it shows");
            int Number(int group) => int.Parse(shown.Groups[group].Value, System.Globalization.CultureInfo.InvariantCulture);
            Assert.True(Number(3) > Number(2), "The audit log has more than one page");
            return (Number(1), Number(2));
        }

        var (from, to) = Shown(first);
        Assert.Equal(1, from);
        Assert.Equal(to + 1, Shown(second).From);
    }

    [ProviderFact]
    public async Task The_deadlines_page_pages_its_rows()
    {
        using var client = await PageSession.SignedInAsync(app, "admin");
        using var response = await client.GetAsync("/deadlines?state=all&scope=team&page=999");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        // Beyond the last page: no rows, but the pager to go back (or the empty state when there is nothing at all).
        Assert.True(html.Contains("class=\"pagination", StringComparison.Ordinal) || html.Contains("empty-state", StringComparison.Ordinal));
        Assert.DoesNotContain("data-sla-state=", html, StringComparison.Ordinal);
    }
}
