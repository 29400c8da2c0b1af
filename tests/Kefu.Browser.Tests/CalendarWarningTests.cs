using Kefu.Browser.Tests.Pages;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Kefu.Browser.Tests;

/// <summary>The app with its clock moved to 2026-12-15 10:00 (Shanghai), time still running from there.</summary>
public sealed class December2026Fixture : BrowserFixture
{
    public static readonly DateTimeOffset Now = new(2026, 12, 15, 10, 0, 0, TimeSpan.FromHours(8));

    /// <summary>The demo is seeded at the fixture's own clock.</summary>
    protected override bool StartsFromTemplate => false;

    protected override void ConfigureApp(IWebHostBuilder builder) =>
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(new ShiftedClock(Now)));

    private sealed class ShiftedClock(DateTimeOffset start) : TimeProvider
    {
        private readonly TimeSpan _shift = start - System.GetUtcNow();

        public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + _shift;
    }
}

/// <summary>CAL-02 in a real browser: in December, with next year's arrangement missing, the administrator is told.</summary>
public sealed class CalendarWarningTests(December2026Fixture fixture) : IClassFixture<December2026Fixture>
{
    [BrowserFact]
    public async Task CAL_02_administrator_sees_that_next_year_is_provisional_and_where_to_import_it()
    {
        await using var context = await fixture.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1400, Height = 900 } });
        var page = await context.NewPageAsync();
        var login = new LoginPage(page, fixture.BaseUrl);
        await login.OpenAsync();
        await login.SignInAsync("admin", BrowserFixture.AdminPassword, "用户名", "密码", "登录");

        var warning = page.GetByTestId("calendar-warning");
        await Assertions.Expect(warning).ToBeVisibleAsync();
        await Assertions.Expect(warning).ToHaveAttributeAsync("data-year", "2027");
        await Assertions.Expect(warning.GetByRole(AriaRole.Heading)).ToHaveTextAsync("2027 年的法定节假日安排尚未导入");
        await Assertions.Expect(warning).ToContainTextAsync("春节等假期会被当作工作日");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "calendar-provisional.png"), FullPage = true });

        // The warning leads to the year that needs the import, which says in words what it is.
        await warning.GetByRole(AriaRole.Link, new() { Name = "导入 2027 年安排" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("year-status")).ToHaveAttributeAsync("data-arranged", "false");
        await Assertions.Expect(page.GetByTestId("year-status")).ToContainTextAsync("2027 年：暂定");
        await Assertions.Expect(page.GetByTestId("calendar-years").Locator("[data-year='2026']")).ToHaveAttributeAsync("data-arranged", "true");
        await Assertions.Expect(page.GetByTestId("calendar-years").Locator("[data-year='2027']")).ToContainTextAsync("暂定");
    }

    [BrowserFact]
    public async Task CAL_02_a_supervisor_is_not_shown_the_administrators_warning()
    {
        await using var context = await fixture.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        var login = new LoginPage(page, fixture.BaseUrl);
        await login.OpenAsync();
        await login.SignInAsync("sh.sup", "Kefu-demo-2026", "用户名", "密码", "登录");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("calendar-warning")).ToHaveCountAsync(0);
    }
}
