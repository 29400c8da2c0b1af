using Kefu.Browser.Tests.Pages;
using Microsoft.Playwright;

namespace Kefu.Browser.Tests;

/// <summary>The working-calendar admin page (CAL-01, CAL-02) in a real browser.</summary>
public sealed class CalendarPageTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [BrowserFact]
    public async Task CAL_02_admin_sees_the_2026_arrangement_and_marks_a_day_as_holiday()
    {
        await using var context = await fixture.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1400, Height = 1000 } });
        var page = await context.NewPageAsync();
        var login = new LoginPage(page, fixture.BaseUrl);
        await login.OpenAsync();
        await login.SignInAsync("admin", BrowserFixture.AdminPassword, "用户名", "密码", "登录");

        await page.GotoAsync(fixture.BaseUrl + "/admin/calendars/cn?year=2026");
        var year = page.GetByTestId("calendar-year");
        await Assertions.Expect(year.Locator("[data-date='2026-10-01']")).ToHaveAttributeAsync("data-kind", "holiday");
        await Assertions.Expect(year.Locator("[data-date='2026-10-10']")).ToHaveAttributeAsync("data-kind", "makeup");
        await Assertions.Expect(year.Locator("[data-date='2026-10-08']")).ToHaveAttributeAsync("data-kind", "workday");
        await Assertions.Expect(page.GetByText("全年工作日 248 天")).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "calendar.png"), FullPage = true });

        await year.Locator("[data-date='2026-11-30']").ClickAsync();
        await page.GetByLabel("类型").SelectOptionAsync("holiday");
        await page.GetByLabel("名称").FillAsync("公司年会");
        await page.GetByRole(AriaRole.Button, new() { Name = "保存" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("calendar-year").Locator("[data-date='2026-11-30']")).ToHaveAttributeAsync("data-kind", "holiday");
        await Assertions.Expect(page.GetByText("全年工作日 247 天")).ToBeVisibleAsync();
    }

    [BrowserFact]
    public async Task CAL_02_supervisor_cannot_open_the_calendar_admin_page()
    {
        await using var context = await fixture.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        var login = new LoginPage(page, fixture.BaseUrl);
        await login.OpenAsync();
        await login.SignInAsync("sh.sup", "Kefu-demo-2026", "用户名", "密码", "登录");
        await page.GotoAsync(fixture.BaseUrl + "/admin/calendars/cn");
        await Assertions.Expect(page.GetByText("无权访问")).ToBeVisibleAsync();
    }
}
