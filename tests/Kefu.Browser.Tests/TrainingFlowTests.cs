using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Kefu.Browser.Tests.Pages;
using Kefu.Web.Data;
using Kefu.Web.Modules.Training;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Kefu.Browser.Tests;

/// <summary>
/// TRN-04 in the browser: a new specialist is refused by the supervisor's assignment, takes the
/// onboarding exam on a phone (no sideways scrolling), passes, and then the supervisor assigns them a customer.
/// </summary>
public sealed class TrainingFlowTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [BrowserFact]
    public async Task TRN_04_a_new_specialist_passes_the_onboarding_exam_on_a_phone_and_then_is_assigned_a_customer()
    {
        // The administrator creates the new employee; the supervisor takes in a customer.
        using var admin = new HttpClient { BaseAddress = new Uri(fixture.BaseUrl) };
        using (var token = await admin.PostAsJsonAsync("/api/auth/token", new { userName = "admin", password = BrowserFixture.AdminPassword }))
        {
            token.EnsureSuccessStatusCode();
            admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", (string)JsonNode.Parse(await token.Content.ReadAsStringAsync())!["accessToken"]!);
        }

        var suffix = Guid.NewGuid().ToString("N")[..4];
        var userName = "sh.new" + suffix;
        var displayName = "新客服" + suffix;
        var units = JsonNode.Parse(await admin.GetStringAsync("/api/org/units"))!.AsArray();
        using (var created = await admin.PostAsJsonAsync("/api/staff", new
        {
            userName, displayName, employeeNumber = "N" + suffix, orgUnitId = (int)units.Single(u => (string?)u!["code"] == "SH")!["id"]!,
            roles = new[] { "CsSpecialist" }, password = "Kefu-demo-2026", newEmployee = true,
        }))
        {
            Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
        }

        using var supervisorApi = await PageChecks.ApiAsync(fixture.BaseUrl, "sh.sup");
        var customer = "入职流程客户" + suffix;
        (await supervisorApi.PostAsJsonAsync("/api/customers", new { name = customer, confirmDuplicate = true })).EnsureSuccessStatusCode();

        await using var desk = await fixture.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 } });
        var supervisor = await PageChecks.SignInAsync(desk, fixture.BaseUrl, "sh.sup");
        async Task AssignAsync()
        {
            await supervisor.GotoAsync(fixture.BaseUrl + "/customers/assign");
            await supervisor.GetByLabel(customer).CheckAsync();
            await supervisor.GetByLabel("分配给").SelectOptionAsync(new SelectOptionValue { Label = displayName });
            await supervisor.GetByRole(AriaRole.Button, new() { Name = "分配", Exact = true }).ClickAsync();
        }

        // Not on duty yet: the refusal says why.
        await AssignAsync();
        await Assertions.Expect(supervisor.GetByText("尚未通过入职考试")).ToBeVisibleAsync();

        // The new specialist, on a phone.
        await using var phone = await fixture.Browser.NewContextAsync(new()
        {
            ViewportSize = new() { Width = 390, Height = 800 }, IsMobile = true, HasTouch = true, DeviceScaleFactor = 2, Locale = "zh-CN",
        });
        var page = await PageChecks.SignInAsync(phone, fixture.BaseUrl, userName);
        await page.GotoAsync(fixture.BaseUrl + "/training");
        await Assertions.Expect(page.GetByTestId("my-duty")).ToContainTextAsync("尚未通过入职考试");
        await page.GetByRole(AriaRole.Link, new() { Name = "客服新员工入职考试" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "开始考试" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("due")).ToBeVisibleAsync();
        Assert.Null(await PageChecks.SidewaysScrollAsync(page, 390));

        // The right options, whatever order this attempt shows them in.
        var names = await page.Locator("[data-testid=attempt-form] input[name^=q]").EvaluateAllAsync<string[]>("els => [...new Set(els.map(e => e.name))]");
        Assert.True(names.Length >= 10, string.Join(',', names));
        foreach (var name in names)
        {
            var questionId = int.Parse(name[1..], System.Globalization.CultureInfo.InvariantCulture);
            using var scope = fixture.Services.CreateScope();
            var question = await scope.ServiceProvider.GetRequiredService<KefuDbContext>().Set<TrainingQuestion>().AsNoTracking().SingleAsync(q => q.Id == questionId);
            foreach (var key in System.Text.Json.JsonSerializer.Deserialize<int[]>(question.CorrectJson)!)
            {
                await page.Locator($"input[name='{name}'][value='{key}']").CheckAsync();
            }
        }

        await page.GetByRole(AriaRole.Button, new() { Name = "交卷" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("result-status")).ToHaveTextAsync("通过");
        Assert.Null(await PageChecks.SidewaysScrollAsync(page, 390));
        await page.GotoAsync(fixture.BaseUrl + "/training");
        await Assertions.Expect(page.GetByTestId("my-duty")).ToHaveCountAsync(0);

        // On duty: the supervisor assigns the customer.
        await AssignAsync();
        await Assertions.Expect(supervisor.GetByText("已分配 1 个客户。")).ToBeVisibleAsync();
    }
}
