using Kefu.Browser.Tests.Pages;
using Microsoft.Playwright;

namespace Kefu.Browser.Tests;

/// <summary>
/// UI.md, checked in the browser: axe-core (from npm, built like htmx and Tabler) finds nothing
/// serious or critical on the main page of each module, in Chinese and in English.
/// </summary>
public sealed class AccessibilityTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [BrowserFact]
    public async Task The_main_page_of_each_module_has_no_serious_or_critical_axe_finding_in_chinese_and_english()
    {
        await PageChecks.ClaimAsync(fixture.BaseUrl, "sh.eng1", submit: true);
        await PageChecks.IncidentAsync(fixture.BaseUrl, "sh.cs");
        var coordinatorJob = await PageChecks.FieldJobAsync(fixture.BaseUrl, "sh.coord");
        var engineerJob = await PageChecks.FieldJobAsync(fixture.BaseUrl, "sh.eng1");
        var (post, report, project) = await PageChecks.ResidentAndTeamAsync(fixture.BaseUrl);
        // Memos and requests: commerce's reply waiting on the demo memo (the decision form), a filed sample request.
        var waitingMemo = await PageChecks.RequestAsync(fixture.BaseUrl, "bizasst", "memos", "InProgress");
        var filedSample = await PageChecks.RequestAsync(fixture.BaseUrl, "sh.cs", "samples", "Filed");
        var findings = new List<string>();
        var checkedPages = 0;
        // Every page in Chinese; in English one page of each kind (dashboard, list, form, record,
        // administration, phone report): the markup, colours and names are the same in both
        // languages, and these show what the longer English words do to it.
        foreach (var (user, password, pages, english) in new[]
        {
            ("sh.sup", PageChecks.DemoPassword,
                new[] { "/", "/expenses", "/expenses/edit", "/approvals", "/customers", "/visits", "/callbacks", "/incidents", "/incidents/new", "/orders", "/orders/edit", "/deadlines", "/notifications" },
                new[] { "/", "/expenses/edit", "/orders" }),
            ("sh.cs", PageChecks.DemoPassword, new[] { "/", "/search?q=" + Uri.EscapeDataString("上海"), "/intake" }, Array.Empty<string>()),
            ("sh.coord", PageChecks.DemoPassword, new[] { "/field/board", "/field/jobs", "/field/jobs/new", coordinatorJob, "/field/prices" }, new[] { coordinatorJob }),
            ("csmgr", PageChecks.DemoPassword, new[] { "/field/prices", "/field/prices/edit", "/field/prices/import" }, Array.Empty<string>()),
            ("sh.eng1", PageChecks.DemoPassword, new[] { "/field/jobs", engineerJob, post, report, project }, new[] { report }),
            ("sh.coord", PageChecks.DemoPassword, new[] { "/field/resident", "/field/resident/new", "/field/teams", "/field/teams/new" }, Array.Empty<string>()),
            ("sh.lead", PageChecks.DemoPassword, new[] { report, project }, Array.Empty<string>()),
            ("admin", BrowserFixture.AdminPassword, new[] { "/admin/calendars", "/staff", "/staff/import", "/admin/settings/field", "/admin/settings/orders", "/admin/settings/requests", "/admin/mailboxes" }, new[] { "/admin/calendars" }),
            ("bizasst", PageChecks.DemoPassword, new[] { "/requests/memos", waitingMemo }, new[] { waitingMemo }),
            ("sh.cs", PageChecks.DemoPassword, new[] { "/requests/samples", "/requests/edit?kind=samples", filedSample, "/requests/edit?kind=memos" }, Array.Empty<string>()),
        })
        {
            // Kefu's CSP allows only its own scripts: the test's copy of axe-core is let in by the browser.
            await using var context = await fixture.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1366, Height = 900 }, BypassCSP = true });
            var page = await PageChecks.SignInAsync(context, fixture.BaseUrl, user, password);
            foreach (var (url, culture) in pages.Select(p => (p, "zh-CN")).Concat(english.Select(p => (p, "en"))))
            {
                var response = await page.GotoAsync($"{fixture.BaseUrl}{url}{(url.Contains('?', StringComparison.Ordinal) ? '&' : '?')}culture={culture}");
                Assert.True(response!.Ok, $"{user} {url} ({culture}): {response.Status}");
                // Charts draw after load; axe reads the finished page.
                await PageChecks.ChartsDrawnAsync(page);
                findings.AddRange((await PageChecks.AxeSeriousAsync(page)).Select(f => $"{user} {url} ({culture}): {f}"));
                checkedPages++;
            }
        }

        // The customer portal on the phone its customers use: the sign-in page, then, signed in with a
        // link from the outbox, the start page and the request form (and that form in English).
        await using (var context = await fixture.Browser.NewContextAsync(new()
        {
            ViewportSize = new() { Width = 390, Height = 844 }, IsMobile = true, HasTouch = true, Locale = "zh-CN", BypassCSP = true,
        }))
        {
            var page = await context.NewPageAsync();
            var email = await PortalSession.CustomerAsync(fixture.Services);
            foreach (var (url, culture) in new[] { ("/portal/sign-in", "zh-CN"), ("/portal", "zh-CN"), ("/portal/new", "zh-CN"), ("/portal/new", "en") })
            {
                var response = await page.GotoAsync($"{fixture.BaseUrl}{url}?culture={culture}");
                Assert.True(response!.Ok, $"customer {url} ({culture}): {response.Status}");
                Assert.Equal(url, new Uri(page.Url).AbsolutePath);
                findings.AddRange((await PageChecks.AxeSeriousAsync(page)).Select(f => $"customer {url} ({culture}): {f}"));
                checkedPages++;
                if (url == "/portal/sign-in")
                {
                    await PortalSession.SignInAsync(page, fixture.BaseUrl, fixture.Services, email);
                }
            }
        }

        Assert.True(checkedPages >= 20, $"{checkedPages} pages checked");
        Assert.True(findings.Count == 0, "axe-core, serious or critical:\n" + string.Join('\n', findings));
    }

    [BrowserFact]
    public async Task The_english_ui_reads_in_english_from_the_dashboard()
    {
        await using var context = await fixture.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1366, Height = 900 } });
        var page = await PageChecks.SignInAsync(context, fixture.BaseUrl, "sh.sup");
        await page.GetByRole(AriaRole.Button, new() { Name = "English" }).ClickAsync();
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await page.GotoAsync(fixture.BaseUrl + "/");
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await Assertions.Expect(page.Locator("#sidebar-menu")).ToContainTextAsync("My approvals");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "dashboard-supervisor-en.png"), FullPage = true });
        await page.GotoAsync(fixture.BaseUrl + "/expenses/edit");
        await Assertions.Expect(page.GetByLabel("Category 1", new() { Exact = true })).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "claim-form-en.png"), FullPage = true });
    }

    [BrowserFact]
    public async Task RPT_01_finance_opens_on_the_claims_waiting_for_payment()
    {
        await using var context = await fixture.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1366, Height = 900 } });
        var page = await PageChecks.SignInAsync(context, fixture.BaseUrl, "finance");
        var errors = new List<string>();
        page.Console += (_, m) => { if (m.Type == "error") { errors.Add(m.Text); } };
        await page.GotoAsync(fixture.BaseUrl + "/");
        await Assertions.Expect(page.Locator("[data-widget='finance']")).ToBeVisibleAsync();
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "dashboard-finance.png"), FullPage = true });
        Assert.True(errors.Count == 0, string.Join('\n', errors));
    }
}
