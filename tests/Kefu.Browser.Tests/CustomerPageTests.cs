using Kefu.Browser.Tests.Pages;
using Microsoft.Playwright;

namespace Kefu.Browser.Tests;

/// <summary>CUS-01..03 in the browser: intake warns of a duplicate before saving; the profile shows its history.</summary>
public sealed class CustomerPageTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [BrowserFact]
    public async Task CUS_03_specialist_is_warned_of_a_duplicate_saves_anyway_and_sees_the_history()
    {
        await using var context = await fixture.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 } });
        var page = await context.NewPageAsync();
        var login = new LoginPage(page, fixture.BaseUrl);
        await login.OpenAsync();
        await login.SignInAsync("sh.cs", "Kefu-demo-2026", "用户名", "密码", "登录");

        await page.GotoAsync(fixture.BaseUrl + "/customers");
        await page.GetByRole(AriaRole.Link, new() { Name = "新建客户" }).ClickAsync();
        await page.GetByLabel("客户名称").FillAsync("上海浦江物流有限公司 ");
        await page.GetByLabel("电话").FillAsync("021-6666 8888");
        await page.GetByRole(AriaRole.Button, new() { Name = "保存" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("duplicates")).ToContainTextAsync("上海浦江物流有限公司");

        await page.GetByLabel("不是同一客户，仍然保存").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "保存" }).ClickAsync();
        // The history reads in words (PLT-03): the action and "field: old → new".
        await Assertions.Expect(page.GetByTestId("customer-history")).ToContainTextAsync("新增");
        await Assertions.Expect(page.GetByTestId("customer-history")).ToContainTextAsync("客户名称：— → 上海浦江物流有限公司");
        await Assertions.Expect(page.GetByTestId("customer-history")).ToContainTextAsync("结算方式：— → 月结");
        // CUS-05: the contact is recorded in detail.
        await page.GetByText("记录联系", new() { Exact = true }).ClickAsync();
        await page.GetByLabel("联系方式").SelectOptionAsync("Phone");
        await page.GetByLabel("沟通内容").FillAsync("介绍服务流程，确认对接人");
        await page.GetByRole(AriaRole.Button, new() { Name = "保存联系记录" }).ClickAsync();
        await Assertions.Expect(page.GetByText("已记录联系。")).ToBeVisibleAsync();
    }

    [BrowserFact]
    public async Task CUS_04_supervisor_assigns_a_new_customer_with_the_suggestion()
    {
        await using var context = await fixture.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 } });
        var page = await context.NewPageAsync();
        var login = new LoginPage(page, fixture.BaseUrl);
        await login.OpenAsync();
        await login.SignInAsync("sh.sup", "Kefu-demo-2026", "用户名", "密码", "登录");

        var name = "待分配浏览器客户" + Guid.NewGuid().ToString("N")[..4];
        await page.GotoAsync(fixture.BaseUrl + "/customers/edit");
        await page.GetByLabel("客户名称").FillAsync(name);
        await page.GetByRole(AriaRole.Button, new() { Name = "保存" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("customer-history")).ToBeVisibleAsync();

        await page.GotoAsync(fixture.BaseUrl + "/customers/assign");
        await page.GetByLabel(name).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "给出建议" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("assign-table").Locator("tr", new() { HasText = name })).ToContainTextAsync("蒋上海客服");
        await page.GetByRole(AriaRole.Button, new() { Name = "按建议分配" }).ClickAsync();
        await Assertions.Expect(page.GetByText("已分配 1 个客户。")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("assign-table").Locator("tr", new() { HasText = name })).ToContainTextAsync("蒋上海客服");
    }
}
