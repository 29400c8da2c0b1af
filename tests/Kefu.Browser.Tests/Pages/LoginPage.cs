using Microsoft.Playwright;

namespace Kefu.Browser.Tests.Pages;

/// <summary>Page object of /account/login.</summary>
public sealed class LoginPage(IPage page, string baseUrl)
{
    public async Task OpenAsync() => await page.GotoAsync(baseUrl + "/account/login");

    public async Task SignInAsync(string userName, string password, string userNameLabel, string passwordLabel, string submit)
    {
        await page.GetByLabel(userNameLabel).FillAsync(userName);
        await page.GetByLabel(passwordLabel, new() { Exact = true }).FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = submit, Exact = true }).ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/account/login", StringComparison.Ordinal));
    }
}
