using Kefu.Browser.Tests.Pages;
using Microsoft.Playwright;

namespace Kefu.Browser.Tests;

/// <summary>Every page in the side navigation opens without an error, in both languages, for each kind of user.</summary>
public sealed class NavigationSmokeTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [BrowserFact]
    public async Task Every_navigation_link_opens_for_admin_supervisor_and_engineer_in_both_languages()
    {
        // Each page is opened once per language, by the first of the users who has it (it is the same
        // page for the next user); the home page, which differs by role, by each user in Chinese.
        var openedInEnglish = new HashSet<string>(StringComparer.Ordinal);
        var openedInChinese = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (user, password) in new[] { ("admin", BrowserFixture.AdminPassword), ("sh.sup", "Kefu-demo-2026"), ("sh.eng1", "Kefu-demo-2026") })
        {
            await using var context = await fixture.Browser.NewContextAsync();
            var page = await context.NewPageAsync();
            var errors = new List<string>();
            page.Console += (_, m) => { if (m.Type == "error") { errors.Add($"{page.Url}: {m.Text}"); } };
            var login = new LoginPage(page, fixture.BaseUrl);
            await login.OpenAsync();
            await login.SignInAsync(user, password, "用户名", "密码", "登录");
            var links = await page.Locator("#sidebar-menu a.nav-link").EvaluateAllAsync<string[]>("els => els.map(e => e.getAttribute('href'))");
            Assert.NotEmpty(links);
            foreach (var culture in new[] { "zh-CN", "en" })
            {
                foreach (var href in links.Where(h => h is not null && h.StartsWith('/') && !h.StartsWith("/swagger", StringComparison.Ordinal)))
                {
                    if (!(culture == "en" ? openedInEnglish.Add(href) : openedInChinese.Add(href) || href == "/"))
                    {
                        continue;
                    }

                    var response = await page.GotoAsync($"{fixture.BaseUrl}{href}{(href.Contains('?', StringComparison.Ordinal) ? '&' : '?')}culture={culture}");
                    Assert.True(response!.Status == 200, $"{user} {href} ({culture}): {response.Status}");
                    Assert.Equal(culture == "en" ? "en" : "zh-CN", await page.Locator("html").GetAttributeAsync("lang"));
                    await Assertions.Expect(page.Locator("h1").First).ToBeVisibleAsync();
                }
            }

            Assert.Empty(errors);
        }
    }

    [BrowserFact]
    public async Task Bell_shows_unread_notifications_and_the_inbox_lists_them()
    {
        await using var context = await fixture.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        var login = new LoginPage(page, fixture.BaseUrl);
        await login.OpenAsync();
        await login.SignInAsync("admin", BrowserFixture.AdminPassword, "用户名", "密码", "登录");
        await Assertions.Expect(page.GetByTestId("bell")).ToBeVisibleAsync();
        await page.GetByTestId("bell").ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "通知" })).ToBeVisibleAsync();
        await page.GotoAsync(fixture.BaseUrl + "/deadlines");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "我的时限" })).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "deadlines.png") });
    }
}
