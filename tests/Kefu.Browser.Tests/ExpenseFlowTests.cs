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
        await SubmitLineAsync(page, today, "Lodging", "1234.56", "2", "上海浦江物流 空调维修住宿", "WX-20261124-01");
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

    /// <summary>Fills the claim form's first line and submits it into the chain.</summary>
    private static async Task SubmitLineAsync(IPage page, string date, string category, string amount, string receipts, string description, string jobSheet)
    {
        await page.GetByLabel("日期 1", new() { Exact = true }).FillAsync(date);
        await page.GetByLabel("类别 1", new() { Exact = true }).SelectOptionAsync(category);
        await page.GetByLabel("金额（元） 1", new() { Exact = true }).FillAsync(amount);
        await page.GetByLabel("票据张数 1", new() { Exact = true }).FillAsync(receipts);
        await page.GetByLabel("说明 1", new() { Exact = true }).FillAsync(description);
        await page.GetByLabel("工作单号 1", new() { Exact = true }).FillAsync(jobSheet);
        await page.GetByRole(AriaRole.Button, new() { Name = "提交审批" }).ClickAsync();
    }

    private async Task<IPage> SignedInAsync(IBrowserContext context, string user)
    {
        var page = await context.NewPageAsync();
        var login = new LoginPage(page, fixture.BaseUrl);
        await login.OpenAsync();
        await login.SignInAsync(user, "Kefu-demo-2026", "用户名", "密码", "登录");
        return page;
    }

    private async Task ApproveAsync(string user, string claimUrl)
    {
        await using var context = await fixture.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 } });
        var page = await SignedInAsync(context, user);
        await page.GotoAsync(claimUrl);
        await page.GetByRole(AriaRole.Button, new() { Name = "同意" }).ClickAsync();
        // Approved: the form moved on and waits for someone else.
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "同意" })).ToHaveCountAsync(0);
    }

    /// <summary>
    /// EXP-12 in the browser (seed 000, 报销审核流程 2)): the branch GM signs, the supervisor mails the batch,
    /// HQ marks the paper received, and only then does the auditor's deadline show on the claim.
    /// </summary>
    [BrowserFact]
    public async Task EXP_12_gm_signature_then_mailing_then_hq_receipt_starts_the_auditors_deadline()
    {
        var today = DateTime.UtcNow.AddHours(8).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        await using var engineer = await fixture.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 } });
        var eng = await SignedInAsync(engineer, "hz.eng1");
        await eng.GotoAsync(fixture.BaseUrl + "/expenses/edit");
        await SubmitLineAsync(eng, today, "Meals", "88", "1", "杭州客户现场午餐", "WX-20261202-07");
        await Assertions.Expect(eng.GetByTestId("claim-status")).ToHaveTextAsync("审批中");
        var claimUrl = eng.Url;

        await ApproveAsync("hz.sup", claimUrl);
        await ApproveAsync("east.gm", claimUrl); // the GM's signature

        await using var supervisor = await fixture.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 } });
        var sup = await SignedInAsync(supervisor, "hz.sup");
        await sup.GotoAsync(fixture.BaseUrl + "/expenses/batches");
        await sup.GetByRole(AriaRole.Button, new() { Name = "生成本中心批次" }).ClickAsync();
        await Assertions.Expect(sup.GetByText("已签字").First).ToBeVisibleAsync();
        await sup.GetByTestId("mail-batch").ClickAsync();
        await Assertions.Expect(sup.GetByTestId("mail-state")).ToContainTextAsync("已寄出");
        var batchUrl = sup.Url;

        await using var hq = await fixture.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 } });
        var auditor = await SignedInAsync(hq, "auditor");
        // In the post: the form waits at the auditor's step, and no deadline runs.
        await auditor.GotoAsync(claimUrl);
        await Assertions.Expect(auditor.GetByTestId("paper-waiting")).ToBeVisibleAsync();
        await Assertions.Expect(auditor.GetByTestId("step-deadline")).ToHaveCountAsync(0);

        await auditor.GotoAsync(batchUrl);
        await auditor.GetByRole(AriaRole.Button, new() { Name = "标记已收" }).First.ClickAsync();
        await Assertions.Expect(auditor.GetByText(today).First).ToBeVisibleAsync();

        // Received: the auditor's deadline starts now.
        await auditor.GotoAsync(claimUrl);
        await Assertions.Expect(auditor.GetByTestId("paper-waiting")).ToHaveCountAsync(0);
        await Assertions.Expect(auditor.GetByTestId("step-deadline")).ToHaveCountAsync(1);
        await Assertions.Expect(auditor.GetByTestId("paper")).ToContainTextAsync("总部已收");
        await auditor.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "claim-paper-received.png"), FullPage = true });
    }
}
