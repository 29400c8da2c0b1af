using System.Text.RegularExpressions;
using Kefu.Browser.Tests.Pages;
using Microsoft.Playwright;

namespace Kefu.Browser.Tests;

/// <summary>
/// Issue 19's flow in two browsers: a customer signs in to the portal on a phone with a one-time
/// link, complains with a photo; the agent takes it from the intake queue on a desktop, makes it a
/// complaint and replies; the customer reads the reply on the request's timeline.
/// </summary>
public sealed partial class PortalFlowTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [BrowserFact]
    public async Task ORD_01_EXC_05_a_customer_complains_with_a_photo_on_a_phone_and_reads_the_agents_reply_on_the_timeline()
    {
        var suffix = Guid.NewGuid().ToString("N")[..4];
        var subject = "安装师傅迟到两小时 " + suffix;
        var reply = "王经理您好，非常抱歉让您久等。已核实是师傅前一单超时，我们已调整排班，今后安装前一小时会电话确认到达时间。";
        var email = await PortalSession.CustomerAsync(fixture.Services);

        // The customer's phone: the sign-in page, a link by email, the button that uses it.
        await using var phoneContext = await fixture.Browser.NewContextAsync(new()
        {
            ViewportSize = new() { Width = 390, Height = 844 }, IsMobile = true, HasTouch = true, DeviceScaleFactor = 2, Locale = "zh-CN",
        });
        var phone = await phoneContext.NewPageAsync();
        await phone.GotoAsync(fixture.BaseUrl + "/portal/sign-in");
        await Assertions.Expect(phone.GetByRole(AriaRole.Heading, new() { Name = "登录客户服务门户" })).ToBeVisibleAsync();
        Assert.Null(await PageChecks.SidewaysScrollAsync(phone, 390));
        await phone.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "portal-sign-in.png"), FullPage = true });
        await PortalSession.SignInAsync(phone, fixture.BaseUrl, fixture.Services, email);
        await Assertions.Expect(phone.GetByTestId("portal-contact")).ToContainTextAsync("王经理");

        // A complaint with a photo from the phone.
        await phone.GetByTestId("portal-new").TapAsync();
        await phone.Locator("label", new() { Has = phone.GetByTestId("portal-kind-Complaint") }).TapAsync();
        await Assertions.Expect(phone.GetByTestId("portal-kind-Complaint")).ToBeCheckedAsync();
        await phone.GetByLabel("标题").FillAsync(subject);
        await phone.GetByLabel("详细说明").FillAsync("约好上午 9 点上门安装空调，师傅 11 点才到，期间电话也打不通。");
        await phone.GetByLabel("相关单号（如有）").FillAsync("AZ-20261130-15");
        await phone.GetByLabel("联系电话（如需回电）").FillAsync("138 0013 8000");
        var photos = phone.GetByLabel("照片或文件");
        Assert.Contains("image/", await photos.GetAttributeAsync("accept"), StringComparison.Ordinal);
        await photos.SetInputFilesAsync(new FilePayload { Name = "等待现场.png", MimeType = "image/png", Buffer = TinyPng });
        Assert.Null(await PageChecks.SidewaysScrollAsync(phone, 390));
        await phone.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "portal-new.png"), FullPage = true });
        await phone.GetByTestId("portal-submit").TapAsync();

        await Assertions.Expect(phone.GetByTestId("portal-sent")).ToBeVisibleAsync();
        await Assertions.Expect(phone.GetByRole(AriaRole.Heading, new() { Name = subject })).ToBeVisibleAsync();
        await Assertions.Expect(phone.GetByTestId("portal-status")).ToHaveTextAsync("待受理");
        await Assertions.Expect(phone.GetByRole(AriaRole.Link, new() { Name = "等待现场.png" })).ToBeVisibleAsync();
        Assert.Matches(RequestPath(), new Uri(phone.Url).AbsolutePath);

        // The agent on a desktop: the item in the intake queue, made a complaint, a reply to the customer.
        await using var agentContext = await fixture.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 1000 }, Locale = "zh-CN" });
        var agent = await PageChecks.SignInAsync(agentContext, fixture.BaseUrl, "sh.cs");
        await agent.GotoAsync(fixture.BaseUrl + "/intake");
        await agent.GetByRole(AriaRole.Link, new() { Name = subject }).ClickAsync();
        await Assertions.Expect(agent.GetByRole(AriaRole.Heading, new() { Name = subject })).ToBeVisibleAsync();
        await Assertions.Expect(agent.GetByRole(AriaRole.Link, new() { Name = "等待现场.png" })).ToBeVisibleAsync();
        await agent.GetByLabel("类型", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "客户投诉" });
        // Whatever time the run happens at, the call to the leader is logged: outside working time it is required (EXC-04).
        await agent.GetByLabel("已电话通知的领导").FillAsync("赵主任");
        await agent.GetByLabel("通话时间").FillAsync(DateTime.UtcNow.AddHours(8).ToString("yyyy-MM-ddTHH:mm", System.Globalization.CultureInfo.InvariantCulture));
        await agent.GetByRole(AriaRole.Button, new() { Name = "转为异常/投诉", Exact = true }).ClickAsync();
        await agent.WaitForURLAsync(new Regex(@"/incidents/\d+$"));
        await Assertions.Expect(agent.GetByRole(AriaRole.Heading, new() { Name = subject })).ToBeVisibleAsync();
        await agent.GetByLabel("说明", new() { Exact = true }).FillAsync(reply);
        await agent.GetByRole(AriaRole.Button, new() { Name = "答复客户", Exact = true }).ClickAsync();
        await Assertions.Expect(agent.GetByTestId("incident-timeline")).ToContainTextAsync(reply);

        // Back on the phone: the request is in hand, with the complaint's number and the reply on its timeline.
        await phone.ReloadAsync();
        var timeline = phone.GetByTestId("portal-timeline");
        await Assertions.Expect(timeline).ToContainTextAsync("客服答复");
        await Assertions.Expect(timeline).ToContainTextAsync(reply);
        await Assertions.Expect(phone.GetByTestId("portal-status")).ToHaveTextAsync("处理中");
        await Assertions.Expect(phone.GetByTestId("portal-number")).ToBeVisibleAsync();
        Assert.Null(await PageChecks.SidewaysScrollAsync(phone, 390));
        await phone.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "portal-request.png"), FullPage = true });
        await phone.SetViewportSizeAsync(360, 844);
        Assert.Null(await PageChecks.SidewaysScrollAsync(phone, 360));
        await phone.SetViewportSizeAsync(390, 844);

        // And on the start page, among their requests.
        await phone.GetByRole(AriaRole.Link, new() { Name = "返回我的服务" }).TapAsync();
        await Assertions.Expect(phone.GetByTestId("portal-requests")).ToContainTextAsync(subject);
        Assert.Null(await PageChecks.SidewaysScrollAsync(phone, 390));
    }

    /// <summary>A 1×1 PNG: what the store sniffs is the signature.</summary>
    private static readonly byte[] TinyPng = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");

    [GeneratedRegex(@"^/portal/requests/\d+$")]
    private static partial Regex RequestPath();
}
