using System.Text.RegularExpressions;
using Kefu.Browser.Tests.Pages;
using Microsoft.Playwright;

namespace Kefu.Browser.Tests;

/// <summary>
/// UI.md, phone pages: an engineer and a specialist work on a phone, so none of their pages scrolls
/// sideways at 360 or 390 px; the claim form is a stack of cards that takes receipts from the camera.
/// </summary>
public sealed partial class PhonePageTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private static BrowserNewContextOptions Phone(int width) => new()
    {
        ViewportSize = new() { Width = width, Height = 800 }, IsMobile = true, HasTouch = true, DeviceScaleFactor = 2, Locale = "zh-CN",
    };

    [BrowserFact]
    public async Task No_page_an_engineer_or_a_specialist_uses_scrolls_sideways_at_360_and_390_px()
    {
        foreach (var user in new[] { "sh.eng1", "sh.cs" })
        {
            await PageChecks.ClaimAsync(fixture.BaseUrl, user, submit: true);
            await PageChecks.ClaimAsync(fixture.BaseUrl, user, submit: false);
        }

        await PageChecks.IncidentAsync(fixture.BaseUrl, "sh.cs");

        var failures = new List<string>();
        var opened = new List<string>();
        // A page is checked once per user (the field pages below are also in the engineer's navigation).
        var checkedPages = new HashSet<string>(StringComparer.Ordinal);
        foreach (var user in new[] { "sh.eng1", "sh.cs" })
        {
            await using var context = await fixture.Browser.NewContextAsync(Phone(390));
            var page = await PageChecks.SignInAsync(context, fixture.BaseUrl, user);
            var urls = (await PagesOfAsync(page, user)).Where(u => checkedPages.Add($"{user} {u}")).ToList();
            opened.Add($"{user}: {string.Join(' ', urls)}");
            foreach (var url in urls)
            {
                failures.AddRange(await NarrowWidthsAsync(page, user, url));
            }
        }

        // Field service: the technician's list and job pages, and the coordinator's board, job form and job page;
        // resident and team service: the post (the lead's attendance form), the monthly report, the team project and their forms.
        var (post, report, project) = await PageChecks.ResidentAndTeamAsync(fixture.BaseUrl);
        foreach (var (user, urls) in new[]
        {
            ("sh.eng1", new[] { "/field/jobs", "/field/prices", await PageChecks.FieldJobAsync(fixture.BaseUrl, "sh.eng1"), await PageChecks.FieldJobAsync(fixture.BaseUrl, "sh.eng1", "Finished"), "/field/resident", post, report, "/field/teams", project }),
            ("sh.coord", new[] { "/field/board", "/field/jobs", "/field/jobs/new", await PageChecks.FieldJobAsync(fixture.BaseUrl, "sh.coord"), "/field/resident", "/field/resident/new", post, "/field/teams", "/field/teams/new", project }),
            ("sh.lead", new[] { report, project }),
        })
        {
            await using var context = await fixture.Browser.NewContextAsync(Phone(390));
            var page = await PageChecks.SignInAsync(context, fixture.BaseUrl, user);
            var notYetChecked = urls.Where(u => checkedPages.Add($"{user} {u}")).ToList();
            opened.Add($"{user}: {string.Join(' ', notYetChecked)}");
            foreach (var url in notYetChecked)
            {
                failures.AddRange(await NarrowWidthsAsync(page, user, url));
            }
        }

        // The customer portal: the sign-in page, then, signed in with a link from the outbox, the start page and the request form.
        await using (var context = await fixture.Browser.NewContextAsync(Phone(390)))
        {
            var page = await context.NewPageAsync();
            var email = await PortalSession.CustomerAsync(fixture.Services);
            failures.AddRange(await NarrowWidthsAsync(page, "customer", "/portal/sign-in"));
            await PortalSession.SignInAsync(page, fixture.BaseUrl, fixture.Services, email);
            foreach (var url in new[] { "/portal", "/portal/new" })
            {
                failures.AddRange(await NarrowWidthsAsync(page, "customer", url));
            }

            opened.Add("customer: /portal/sign-in /portal /portal/new");
        }

        Assert.True(failures.Count == 0, "Pages wider than the phone:\n" + string.Join('\n', failures) + "\n\nOpened:\n" + string.Join('\n', opened));
    }

    /// <summary>
    /// Opens <paramref name="url"/> once and checks it at each phone width: the page lays itself out
    /// again on a resize (CSS and the charts' resize handlers), as on a phone turned or zoomed.
    /// </summary>
    private async Task<List<string>> NarrowWidthsAsync(IPage page, string user, string url)
    {
        var failures = new List<string>();
        await page.SetViewportSizeAsync(390, 800);
        var response = await page.GotoAsync(fixture.BaseUrl + url);
        Assert.True(response!.Ok, $"{user} {url}: {response.Status}");
        foreach (var width in new[] { 390, 360 })
        {
            await page.SetViewportSizeAsync(width, 800);
            // The charts redraw on the resize event; two frames let the page settle as a turned phone does.
            await page.EvaluateAsync("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))");
            if (await PageChecks.SidewaysScrollAsync(page, width) is { } wide)
            {
                failures.Add($"{user} {url} at {width} px: {wide}");
            }
        }

        return failures;
    }

    /// <summary>
    /// The pages a user reaches: the side navigation, the forms its lists offer, the first record of
    /// each list, the notifications and a search, and approvals (in the navigation for everyone).
    /// </summary>
    private async Task<List<string>> PagesOfAsync(IPage page, string user)
    {
        var urls = new List<string> { "/", "/notifications", "/search?q=" + Uri.EscapeDataString("上海") };
        var nav = await page.Locator("#sidebar-menu a.nav-link").EvaluateAllAsync<string[]>("els => els.map(e => e.getAttribute('href'))");
        urls.AddRange(nav.Where(h => h is not null && h.StartsWith('/') && !h.StartsWith("/swagger", StringComparison.Ordinal)));
        foreach (var (list, form, detail) in new[]
        {
            ("/expenses", "/expenses/edit", @"^/expenses/\d+$"),
            ("/customers", "/customers/edit", @"^/customers/\d+$"),
            ("/incidents", "/incidents/new", @"^/incidents/\d+$"),
            ("/orders", "/orders/edit", @"^/orders/\d+$"),
            ("/requests/samples", "/requests/edit?kind=samples", @"^/requests/\d+$"),
            ("/requests/policies", "/requests/edit?kind=policies", @"^/requests/\d+$"),
        })
        {
            if (!urls.Contains(list))
            {
                continue;
            }

            await page.GotoAsync(fixture.BaseUrl + list);
            var hrefs = await page.Locator("main a[href], .page-body a[href]").EvaluateAllAsync<string[]>("els => els.map(e => e.getAttribute('href'))");
            if (hrefs.Contains(form))
            {
                urls.Add(form);
            }

            var first = hrefs.FirstOrDefault(h => h is not null && Regex.IsMatch(h, detail));
            Assert.True(first is not null, $"{user}: no record to open on {list}");
            urls.Add(first);
        }

        return urls.Distinct().ToList();
    }

    [BrowserFact]
    public async Task EXP_01_an_engineer_claims_on_a_phone_with_stacked_lines_and_a_receipt_from_the_camera()
    {
        await using var context = await fixture.Browser.NewContextAsync(Phone(390));
        var page = await PageChecks.SignInAsync(context, fixture.BaseUrl, "sh.eng1");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "dashboard-engineer-phone.png"), FullPage = true });
        await page.GotoAsync(fixture.BaseUrl + "/expenses/edit");

        // Each line is a card of full-width fields; the category shows its whole value.
        var category = page.GetByLabel("类别 1", new() { Exact = true });
        await category.SelectOptionAsync("CityTransport");
        var box = await category.BoundingBoxAsync();
        Assert.True(box!.Width > 300, $"the category is {box.Width} px wide");
        Assert.True(await category.EvaluateAsync<bool>("s => s.scrollWidth <= s.clientWidth"), "the category's value is cut");
        var date = await page.GetByLabel("日期 1", new() { Exact = true }).BoundingBoxAsync();
        var amount = await page.GetByLabel("金额（元） 1", new() { Exact = true }).BoundingBoxAsync();
        Assert.True(amount!.Y > date!.Y + date.Height, "the fields of a line are stacked");

        var yesterday = DateTime.UtcNow.AddHours(8).AddDays(-1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        await page.GetByLabel("日期 1", new() { Exact = true }).FillAsync(yesterday);
        await page.GetByLabel("金额（元） 1", new() { Exact = true }).FillAsync("46.00");
        await page.GetByLabel("票据张数 1", new() { Exact = true }).FillAsync("1");
        await page.GetByLabel("说明 1", new() { Exact = true }).FillAsync("上门维修往返出租车");
        await page.GetByLabel("工作单号 1", new() { Exact = true }).FillAsync("WX-20261130-02");
        var receipts = page.GetByLabel("票据照片或扫描件");
        Assert.Equal("image/*,application/pdf", await receipts.GetAttributeAsync("accept"));
        Assert.Equal("environment", await receipts.GetAttributeAsync("capture"));
        await receipts.SetInputFilesAsync(new FilePayload { Name = "出租车票.png", MimeType = "image/png", Buffer = TinyPng });
        Assert.Null(await PageChecks.SidewaysScrollAsync(page, 390));
        // What the phone shows: the first line's card, then the attachments with the receipt chosen.
        await page.EvaluateAsync("() => window.scrollTo(0, 0)");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "claim-phone.png") });
        await page.Locator(".card", new() { Has = page.Locator("#receipts") }).ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "claim-phone-receipts.png") });

        await page.GetByRole(AriaRole.Button, new() { Name = "提交审批" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("claim-status")).ToHaveTextAsync("审批中");
        await Assertions.Expect(page.GetByTestId("attachments")).ToContainTextAsync("出租车票.png");
    }

    [BrowserFact]
    public async Task The_order_forms_live_customer_lookup_logs_no_console_error()
    {
        await using var context = await fixture.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 } });
        var page = await PageChecks.SignInAsync(context, fixture.BaseUrl, "sh.cs");
        var errors = new List<string>();
        page.Console += (_, m) => { if (m.Type == "error") { errors.Add(m.Text); } };
        page.PageError += (_, e) => errors.Add(e);
        await page.GotoAsync(fixture.BaseUrl + "/orders/edit");
        var lookup = page.Locator("#lookup");
        var answered = page.WaitForResponseAsync(r => r.Url.Contains("handler=Lookup", StringComparison.Ordinal));
        await lookup.PressSequentiallyAsync("上海", new() { Delay = 50 });
        Assert.True((await answered).Ok);
        await Assertions.Expect(page.Locator("#customer-choices input[type=radio]").First).ToBeVisibleAsync();
        await page.Locator("#customer-choices input[type=radio]").First.CheckAsync();
        // Typing on with a customer chosen keeps the choice in the lookup's request.
        var again = page.WaitForResponseAsync(r => r.Url.Contains("handler=Lookup", StringComparison.Ordinal));
        await lookup.PressSequentiallyAsync("浦", new() { Delay = 50 });
        Assert.True((await again).Ok);
        await Assertions.Expect(page.Locator("#customer-choices input[type=radio]:checked")).ToHaveCountAsync(1);
        Assert.True(errors.Count == 0, string.Join('\n', errors));
    }

    /// <summary>A 1×1 PNG: what the store sniffs is the signature.</summary>
    private static readonly byte[] TinyPng = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");
}
