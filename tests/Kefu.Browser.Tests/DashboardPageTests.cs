using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Kefu.Browser.Tests.Pages;
using Kefu.Web.Data;
using Kefu.Web.Modules.Customers;
using Kefu.Web.Modules.Visits;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Kefu.Browser.Tests;

/// <summary>RPT-01/RPT-02: the home page of a specialist, a supervisor and the GM draws its cards and charts without a console error.</summary>
public sealed class DashboardPageTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private const string DemoPassword = "Kefu-demo-2026";

    [BrowserFact]
    public async Task RPT_01_the_dashboards_of_a_specialist_a_supervisor_and_the_gm_render_their_cards_and_charts()
    {
        await SeedAsync();
        foreach (var (user, shot, widgets) in new[]
        {
            ("sh.cs", "dashboard-specialist.png", new[] { "my-deadlines", "my-incidents", "first-contacts", "visits-due", "my-claims" }),
            ("sh.sup", "dashboard-supervisor.png", new[] { "approvals-waiting", "team-sla", "team-incidents", "satisfaction" }),
            ("gm", "dashboard-gm.png", new[] { "company-incidents", "company-sla", "satisfaction", "company-expenses" }),
        })
        {
            await using var context = await fixture.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1366, Height = 900 } });
            var page = await context.NewPageAsync();
            var errors = new List<string>();
            page.Console += (_, m) => { if (m.Type == "error") { errors.Add($"{user} {page.Url}: {m.Text}"); } };
            page.PageError += (_, e) => errors.Add($"{user}: {e}");
            var login = new LoginPage(page, fixture.BaseUrl);
            await login.OpenAsync();
            await login.SignInAsync(user, DemoPassword, "用户名", "密码", "登录");
            await page.GotoAsync(fixture.BaseUrl + "/");

            foreach (var widget in widgets)
            {
                await Assertions.Expect(page.Locator($"[data-widget='{widget}']")).ToBeVisibleAsync();
            }

            // Every chart has drawn (ECharts' "finished"), with its table of exact values beneath.
            var charts = page.GetByTestId("widget-chart");
            var count = await charts.CountAsync();
            Assert.True(user == "sh.cs" || count >= 2, $"{user}: {count} charts");
            for (var i = 0; i < count; i++)
            {
                await Assertions.Expect(charts.Nth(i)).ToHaveAttributeAsync("data-finished", "1");
            }

            Assert.Equal(count, await page.GetByTestId("widget-table").CountAsync());
            // Every figure is a link to its list.
            var figures = page.Locator("[data-figure]");
            Assert.True(await figures.CountAsync() > 0);
            Assert.Equal(await figures.CountAsync(), await page.Locator("a[data-figure]").CountAsync());

            await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, shot), FullPage = true });
            Assert.Empty(errors);
        }
    }

    /// <summary>What makes the cards worth looking at: an overdue visit and an open complaint for sh.cs, a claim waiting for sh.sup.</summary>
    private async Task SeedAsync()
    {
        await using (var scope = fixture.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<KefuDbContext>();
            var owner = await db.Users.SingleAsync(u => u.UserName == "sh.cs");
            var customer = await db.Set<Customer>().Where(c => c.OwnerId == owner.Id).OrderBy(c => c.Id).FirstAsync();
            if (!await db.Set<Visit>().AnyAsync(v => v.CustomerId == customer.Id && v.Status == VisitStatus.Due))
            {
                db.Add(new Visit
                {
                    CustomerId = customer.Id, OrgPath = customer.OrgPath, OwnerId = owner.Id, Status = VisitStatus.Due,
                    DueOn = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)).AddDays(-3), CreatedAt = DateTime.UtcNow,
                });
                await db.SaveChangesAsync();
            }
        }

        var now = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8));
        using var cs = await ApiAsync("sh.cs");
        using var complaint = await cs.PostAsJsonAsync("/api/incidents", new
        {
            type = "CustomerComplaint", customerName = "上海来电客户", summary = "货物破损，客户要求赔偿", receivedAt = now,
            phoneCallTo = "赵主任", phoneCallAt = now, sendReport = true,
        });
        Assert.True(complaint.IsSuccessStatusCode, await complaint.Content.ReadAsStringAsync());

        using var engineer = await ApiAsync("sh.eng1");
        using var claim = await engineer.PostAsJsonAsync("/api/expenses/claims", new
        {
            lines = new[] { new { date = now.AddDays(-1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), category = "Meals", amount = 86.5m, receiptCount = 1, description = "上门维修午餐", workOrders = "WX-2026" } },
            hasTravelSummary = false,
        });
        Assert.True(claim.IsSuccessStatusCode, await claim.Content.ReadAsStringAsync());
        var id = (int)JsonNode.Parse(await claim.Content.ReadAsStringAsync())!["id"]!;
        using var submitted = await engineer.PostAsJsonAsync($"/api/expenses/claims/{id}/submit", new { });
        Assert.True(submitted.IsSuccessStatusCode, await submitted.Content.ReadAsStringAsync());
    }

    private async Task<HttpClient> ApiAsync(string user)
    {
        var client = new HttpClient { BaseAddress = new Uri(fixture.BaseUrl) };
        using var token = await client.PostAsJsonAsync("/api/auth/token", new { userName = user, password = DemoPassword });
        token.EnsureSuccessStatusCode();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", (string)JsonNode.Parse(await token.Content.ReadAsStringAsync())!["accessToken"]!);
        return client;
    }
}
