using Kefu.Browser.Tests.Pages;
using Microsoft.Playwright;
using NPOI.XSSF.UserModel;

namespace Kefu.Browser.Tests;

/// <summary>The foundation as a person meets it: Chinese by default, English on request, lists that export (PLT-01, ORG-03, RPT-03).</summary>
public sealed class FoundationFlowTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private const string DemoPassword = "Kefu-demo-2026";

    [BrowserFact]
    public async Task PLT_01_supervisor_signs_in_in_chinese_switches_to_english_and_exports_staff_list()
    {
        await using var context = await fixture.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 800 }, AcceptDownloads = true, Locale = "en-US" });
        var page = await context.NewPageAsync();
        var errors = new List<string>();
        page.Console += (_, m) => { if (m.Type == "error") { errors.Add(m.Text); } };
        var shots = BrowserFixture.ScreenshotDirectory;
        try
        {
            // A browser that asks for English still gets Chinese by default.
            var login = new LoginPage(page, fixture.BaseUrl);
            await login.OpenAsync();
            Assert.Equal("zh-CN", await page.Locator("html").GetAttributeAsync("lang"));
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "登录 Kefu 客服系统" })).ToBeVisibleAsync();
            await page.ScreenshotAsync(new() { Path = Path.Combine(shots, "login.png") });

            await login.SignInAsync("sh.sup", DemoPassword, "用户名", "密码", "登录");
            await Assertions.Expect(page.GetByTestId("scope")).ToHaveTextAsync("本中心");
            await page.WaitForSelectorAsync("[data-finished='1']");
            await page.ScreenshotAsync(new() { Path = Path.Combine(shots, "dashboard.png") });

            await page.GetByRole(AriaRole.Button, new() { Name = "English" }).ClickAsync();
            await Assertions.Expect(page.GetByTestId("scope")).ToHaveTextAsync("Own centre");
            Assert.Equal("en", await page.Locator("html").GetAttributeAsync("lang"));

            await page.GetByRole(AriaRole.Link, new() { Name = "Staff", Exact = true }).ClickAsync();
            var staff = new StaffListPage(page);
            await Assertions.Expect(staff.Table).ToBeVisibleAsync();
            // ORG-03: a centre supervisor sees the Shanghai staff only.
            await Assertions.Expect(staff.Table).ToContainTextAsync("sh.eng1");
            await Assertions.Expect(staff.Table).Not.ToContainTextAsync("hz.eng1");
            await page.ScreenshotAsync(new() { Path = Path.Combine(shots, "staff-list.png"), FullPage = true });

            var download = await staff.ExportExcelAsync("Export to Excel");
            var file = Path.Combine(Path.GetTempPath(), $"kefu-staff-{Guid.NewGuid():N}.xlsx");
            await download.SaveAsAsync(file);
            using (var stream = File.OpenRead(file))
            {
                var workbook = new XSSFWorkbook(stream);
                var sheet = workbook.GetSheetAt(0);
                Assert.Equal("Employee no.", sheet.GetRow(0).GetCell(0).StringCellValue);
                var userNames = Enumerable.Range(1, sheet.LastRowNum).Select(r => sheet.GetRow(r).GetCell(2).StringCellValue).ToList();
                Assert.Contains("sh.eng1", userNames);
                Assert.Contains("sh.sup", userNames);
                Assert.DoesNotContain("hz.sup", userNames);
                // The Shanghai centre's staff: supervisor, two coordinators, specialist, three engineers, team leader.
                Assert.Equal(8, userNames.Count);
            }

            File.Delete(file);
            Assert.Empty(errors);
        }
        catch
        {
            await page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "kefu-failure-foundation.png"), FullPage = true });
            throw;
        }
    }

    [BrowserFact]
    public async Task PLT_01_english_choice_is_kept_for_the_next_sign_in()
    {
        await using var context = await fixture.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        var login = new LoginPage(page, fixture.BaseUrl);
        await login.OpenAsync();
        await login.SignInAsync("hz.sup", DemoPassword, "用户名", "密码", "登录");
        await page.GetByRole(AriaRole.Button, new() { Name = "English" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("scope")).ToHaveTextAsync("Own centre");

        // A fresh browser (no culture cookie) signs in and gets the stored preference.
        await using var second = await fixture.Browser.NewContextAsync();
        var page2 = await second.NewPageAsync();
        var login2 = new LoginPage(page2, fixture.BaseUrl);
        await login2.OpenAsync();
        await login2.SignInAsync("hz.sup", DemoPassword, "用户名", "密码", "登录");
        await Assertions.Expect(page2.GetByTestId("scope")).ToHaveTextAsync("Own centre");
    }

    [BrowserFact]
    public async Task Login_with_wrong_password_shows_a_message_that_does_not_say_which_part_was_wrong()
    {
        await using var context = await fixture.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(fixture.BaseUrl + "/account/login");
        await page.GetByLabel("用户名").FillAsync("bj.sup");
        await page.GetByLabel("密码", new() { Exact = true }).FillAsync("wrong-password-1");
        await page.GetByRole(AriaRole.Button, new() { Name = "登录", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("用户名或密码不正确");
    }

    [BrowserFact]
    public async Task Staff_list_is_usable_on_a_phone_sized_screen()
    {
        await using var context = await fixture.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 360, Height = 740 } });
        var page = await context.NewPageAsync();
        var login = new LoginPage(page, fixture.BaseUrl);
        await login.OpenAsync();
        await login.SignInAsync("bj.sup", DemoPassword, "用户名", "密码", "登录");
        await page.GotoAsync(fixture.BaseUrl + "/staff");
        await Assertions.Expect(page.GetByTestId("staff-table")).ToContainTextAsync("bj.eng1");
        var width = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.True(width <= 360, $"page is {width}px wide on a 360px screen");
    }
}
