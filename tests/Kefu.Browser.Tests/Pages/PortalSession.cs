using System.Text.RegularExpressions;
using Kefu.Web.Data;
using Kefu.Web.Modules.Customers;
using Kefu.Web.Modules.Portal;
using Kefu.Web.Platform.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Kefu.Browser.Tests.Pages;

/// <summary>
/// A customer on the portal (issue 19): a new customer of sh.cs with its own contact address (the
/// demo has none the test could read mail for), and its sign-in through the one-time link, taken
/// from the email the outbox holds as a customer would take it from their mailbox.
/// </summary>
public static partial class PortalSession
{
    /// <summary>A new customer of sh.cs (so the agent's rules find it in scope) with a fresh contact address; returns the address.</summary>
    public static async Task<string> CustomerAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KefuDbContext>();
        var sh = await db.Users.SingleAsync(u => u.UserName == "sh.cs");
        var model = await db.Set<Customer>().Where(c => c.OwnerId == sh.Id && c.MergedIntoId == null).OrderBy(c => c.Id).FirstAsync();
        var key = Guid.NewGuid().ToString("N");
        var name = "上海虹桥精密仪器有限公司（门户）" + key[..4];
        var email = $"wang.{key[..12]}@hongqiao-instruments.example";
        var customer = new Customer
        {
            Number = "PT" + key[..10], Name = name, NameKey = Kefu.Core.Customers.DuplicateKeys.Name(name), OwnerId = sh.Id, CentreId = model.CentreId, OrgPath = model.OrgPath,
            ContactName = "王经理", ContactEmail = email, CreatedAt = DateTime.UtcNow, AssignedAt = DateTime.UtcNow,
        };
        db.Add(customer);
        await db.SaveChangesAsync();
        return email;
    }

    /// <summary>The token of the newest sign-in link mailed to <paramref name="email"/>, from the outbox.</summary>
    public static async Task<string> LinkTokenAsync(IServiceProvider services, string email)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KefuDbContext>();
        var recipient = email.ToLowerInvariant();
        var mail = await db.Set<OutboxMessage>().Where(m => m.EventKey == PortalUseCases.MailEvent && m.Recipient == recipient)
            .OrderByDescending(m => m.Id).FirstOrDefaultAsync();
        Assert.True(mail is not null, $"no sign-in link was mailed to {recipient}");
        var token = LinkToken().Match(mail.Body);
        Assert.True(token.Success, "the mail holds no sign-in link: " + mail.Body);
        return token.Groups[1].Value;
    }

    /// <summary>Asks for a link on the sign-in page (already open in <paramref name="page"/>), opens it and signs in: the page ends on /portal.</summary>
    public static async Task SignInAsync(IPage page, string baseUrl, IServiceProvider services, string email)
    {
        await page.GetByLabel("您的邮箱").FillAsync(email);
        await page.GetByRole(AriaRole.Button, new() { Name = "发送登录链接", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("portal-link-sent")).ToBeVisibleAsync();
        await page.GotoAsync($"{baseUrl}/portal/link/{await LinkTokenAsync(services, email)}");
        await page.GetByTestId("portal-use-link").ClickAsync();
        await page.WaitForURLAsync(baseUrl + "/portal");
        await Assertions.Expect(page.GetByTestId("portal-new")).ToBeVisibleAsync();
    }

    /// <summary>A customer's session in <paramref name="context"/>: a new customer, signed in, on /portal.</summary>
    public static async Task<IPage> NewCustomerAsync(IBrowserContext context, string baseUrl, IServiceProvider services)
    {
        var email = await CustomerAsync(services);
        var page = await context.NewPageAsync();
        await page.GotoAsync(baseUrl + "/portal/sign-in");
        await SignInAsync(page, baseUrl, services, email);
        return page;
    }

    [GeneratedRegex(@"/portal/link/([A-Za-z0-9_\-]+)")]
    private static partial Regex LinkToken();
}
