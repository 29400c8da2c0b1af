using System.Net;
using Kefu.Web.Data;
using Kefu.Web.Modules.Expenses;
using Kefu.Web.Tests.Infrastructure;
using Kefu.Web.Tests.Platform.Clock;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Kefu.Web.Tests.Modules.Expenses;

/// <summary>
/// The claim form's "submit" through the page handler, as a browser posts it (cookie, antiforgery):
/// a submission a rule refuses keeps the person on the same form with what they typed and why,
/// saves nothing, and fixing it and submitting again makes exactly one claim.
/// </summary>
public abstract class ClaimFormTests(ClockApp app)
{
    private static readonly DateTimeOffset Monday = new(2026, 9, 14, 10, 0, 0, TimeSpan.FromHours(8));

    private static Dictionary<string, string> Form(string date, string category = "Meals", string amount = "58.00", bool submit = true, int? version = null)
    {
        var fields = new Dictionary<string, string>
        {
            ["Input.Lines[0].Date"] = date,
            ["Input.Lines[0].Category"] = category,
            ["Input.Lines[0].Amount"] = amount,
            ["Input.Lines[0].ReceiptCount"] = "1",
            ["Input.Lines[0].Description"] = "客户现场午餐",
            ["Input.Notes"] = "表单测试",
        };
        if (version is { } v)
        {
            fields["Input.Version"] = v.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        if (submit)
        {
            fields["submitClaim"] = "1";
        }

        return fields;
    }

    private async Task<string> NewClaimantAsync()
    {
        var userName = "form." + Guid.NewGuid().ToString("N")[..8];
        await app.CreateStaffAsync(userName, "SH", ["FieldEngineer"], KefuFactory.DemoPassword);
        return userName;
    }

    private Task<List<ExpenseClaim>> ClaimsOfAsync(string userName) => app.InScopeAsync(async sp =>
    {
        var db = sp.GetRequiredService<KefuDbContext>();
        var id = await db.Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync();
        return await db.Set<ExpenseClaim>().AsNoTracking().Include(c => c.Lines).Where(c => c.ClaimantId == id).ToListAsync();
    });

    [ProviderFact]
    public async Task EXP_04_a_new_form_refused_on_submit_stays_the_same_form_and_the_fixed_resubmission_makes_one_claim()
    {
        app.Clock.Set(Monday);
        var user = await NewClaimantAsync();
        using var page = await PageClient.SignInAsync(app, user);

        // More than a month old: the submission is refused.
        using (var refused = await page.PostFormAsync("/expenses/edit", "/expenses/edit", Form("2026-07-01")))
        {
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
            var html = System.Net.WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync());
            Assert.Contains("2026-07-01 的费用超过 1 个月", html, StringComparison.Ordinal); // the reason, next to the line
            Assert.Contains("value=\"2026-07-01\"", html, StringComparison.Ordinal); // what was typed is still there
            Assert.Contains("客户现场午餐", html, StringComparison.Ordinal);
        }

        Assert.Empty(await ClaimsOfAsync(user)); // no draft saved behind the person's back

        // Fixed and submitted again from the same (still new) form.
        using (var accepted = await page.PostFormAsync("/expenses/edit", "/expenses/edit", Form("2026-09-10")))
        {
            Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        }

        var claim = Assert.Single(await ClaimsOfAsync(user));
        Assert.Equal(ClaimStatus.InReview, claim.Status);
        Assert.Equal(1, claim.Number); // the claimant's first form (EXP-02)
        Assert.Equal(new DateOnly(2026, 9, 10), Assert.Single(claim.Lines).Date);
    }

    [ProviderFact]
    public async Task EXP_01_a_travel_claim_without_the_summary_is_refused_and_nothing_is_saved()
    {
        app.Clock.Set(Monday);
        var user = await NewClaimantAsync();
        using var page = await PageClient.SignInAsync(app, user);

        using (var refused = await page.PostFormAsync("/expenses/edit", "/expenses/edit", Form("2026-09-10", category: "Travel", amount: "420.00")))
        {
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
            Assert.Contains("差旅费须附主管审批的半月出差汇总表", System.Net.WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        }

        Assert.Empty(await ClaimsOfAsync(user));

        // Saved as a draft on purpose, it is one claim; the summary is attached on its page before submitting.
        using (var draft = await page.PostFormAsync("/expenses/edit", "/expenses/edit", Form("2026-09-10", category: "Travel", amount: "420.00", submit: false)))
        {
            Assert.Equal(HttpStatusCode.Redirect, draft.StatusCode);
        }

        var saved = Assert.Single(await ClaimsOfAsync(user));
        Assert.Equal(ClaimStatus.Draft, saved.Status);
        Assert.Null(saved.Number);
    }

    [ProviderFact]
    public async Task EXP_04_an_existing_draft_refused_on_submit_keeps_its_saved_lines_and_version_and_resubmits()
    {
        app.Clock.Set(Monday);
        var user = await NewClaimantAsync();
        using var page = await PageClient.SignInAsync(app, user);
        using (var draft = await page.PostFormAsync("/expenses/edit", "/expenses/edit", Form("2026-09-11", submit: false)))
        {
            Assert.Equal(HttpStatusCode.Redirect, draft.StatusCode);
        }

        var before = Assert.Single(await ClaimsOfAsync(user));
        var url = $"/expenses/edit/{before.Id}";
        using (var refused = await page.PostFormAsync(url, url, Form("2026-06-30", version: before.Version)))
        {
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        }

        var after = Assert.Single(await ClaimsOfAsync(user));
        Assert.Equal((ClaimStatus.Draft, before.Version, new DateOnly(2026, 9, 11)), (after.Status, after.Version, Assert.Single(after.Lines).Date));

        // The version the form carries is still the current one: no conflict on the second try.
        using (var accepted = await page.PostFormAsync(url, url, Form("2026-09-12", version: before.Version)))
        {
            Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        }

        var submitted = Assert.Single(await ClaimsOfAsync(user));
        Assert.Equal((ClaimStatus.InReview, 1), (submitted.Status, submitted.Number));
    }

    [ProviderFact]
    public async Task EXP_02_the_claimant_deletes_a_draft_from_its_page()
    {
        app.Clock.Set(Monday);
        var user = await NewClaimantAsync();
        using var page = await PageClient.SignInAsync(app, user);
        using (var draft = await page.PostFormAsync("/expenses/edit", "/expenses/edit", Form("2026-09-11", submit: false)))
        {
            Assert.Equal(HttpStatusCode.Redirect, draft.StatusCode);
        }

        var id = Assert.Single(await ClaimsOfAsync(user)).Id;
        var (_, html) = await page.GetAsync($"/expenses/{id}");
        Assert.Contains("删除草稿", html, StringComparison.Ordinal);
        using (var deleted = await page.PostFormAsync($"/expenses/{id}", $"/expenses/{id}?handler=Delete", new Dictionary<string, string>()))
        {
            Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
            Assert.Equal("/expenses", deleted.Headers.Location?.OriginalString);
        }

        Assert.Empty(await ClaimsOfAsync(user));
    }
}

public sealed class ClaimFormTestsOnSqlite(SqliteClockApp app) : ClaimFormTests(app), IClassFixture<SqliteClockApp>;

public sealed class ClaimFormTestsOnPostgres(PostgresClockApp app) : ClaimFormTests(app), IClassFixture<PostgresClockApp>;
