using System.Globalization;
using Kefu.Browser.Tests.Pages;
using Microsoft.Playwright;

namespace Kefu.Browser.Tests;

/// <summary>EXP-01/05/10 in the browser: an engineer claims, the supervisor approves from the inbox, the form prints with capitals.</summary>
public sealed class ExpenseFlowTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [BrowserFact]
    public async Task EXP_05_engineer_submits_a_claim_supervisor_approves_it_from_the_inbox_and_the_print_shows_capitals()
    {
        var today = DateTime.UtcNow.AddHours(8).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        await using var engineer = await fixture.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 } });
        var page = await engineer.NewPageAsync();
        var login = new LoginPage(page, fixture.BaseUrl);
        await login.OpenAsync();
        await login.SignInAsync("sh.eng1", "Kefu-demo-2026", "用户名", "密码", "登录");

        await page.GetByRole(AriaRole.Link, new() { Name = "费用报销" }).ClickAsync();
        // The header's button (an empty list offers the same link again in its empty state).
        await page.GetByRole(AriaRole.Link, new() { Name = "新建报销单" }).First.ClickAsync();
        await page.GetByLabel("日期 1", new() { Exact = true }).FillAsync(today);
        await page.GetByLabel("类别 1", new() { Exact = true }).SelectOptionAsync("Lodging");
        await page.GetByLabel("金额（元） 1", new() { Exact = true }).FillAsync("1234.56");
        await page.GetByLabel("票据张数 1", new() { Exact = true }).FillAsync("2");
        await page.GetByLabel("说明 1", new() { Exact = true }).FillAsync("上海浦江物流 空调维修住宿");
        await page.GetByLabel("工作单号 1", new() { Exact = true }).FillAsync("WX-20261124-01");
        await page.GetByRole(AriaRole.Button, new() { Name = "提交审批" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("claim-status")).ToHaveTextAsync("审批中");
        var claimUrl = page.Url;
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "claim.png"), FullPage = true });

        await using var supervisor = await fixture.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 } });
        var sup = await supervisor.NewPageAsync();
        var supLogin = new LoginPage(sup, fixture.BaseUrl);
        await supLogin.OpenAsync();
        await supLogin.SignInAsync("sh.sup", "Kefu-demo-2026", "用户名", "密码", "登录");
        await sup.Locator("#sidebar-menu").GetByRole(AriaRole.Link, new() { Name = "待我审批" }).ClickAsync();
        var row = sup.GetByTestId("approvals").Locator("tr", new() { HasText = "1,234.56" }).First;
        await Assertions.Expect(row).ToBeVisibleAsync();
        await row.GetByRole(AriaRole.Link).First.ClickAsync();
        await sup.GetByLabel("审批意见").FillAsync("票据齐全，同意");
        await sup.GetByRole(AriaRole.Button, new() { Name = "同意" }).ClickAsync();
        await Assertions.Expect(sup.GetByTestId("history")).ToContainTextAsync("票据齐全，同意");
        await Assertions.Expect(sup.GetByText("分公司总经理复审").First).ToBeVisibleAsync();

        await page.GotoAsync(claimUrl + "/print");
        await Assertions.Expect(page.GetByTestId("capitals")).ToContainTextAsync("壹仟贰佰叁拾肆元伍角陆分");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "claim-print.png"), FullPage = true });
    }
}
