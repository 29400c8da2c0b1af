using Kefu.Browser.Tests.Pages;
using Microsoft.Playwright;

namespace Kefu.Browser.Tests;

/// <summary>Issue 6's flow: sh.cs records a phone complaint, the report clock shows on the incident, qc opens the investigation.</summary>
public sealed class IncidentFlowTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [BrowserFact]
    public async Task EXC_02_specialist_records_a_phone_complaint_the_clocks_show_and_qc_opens_the_investigation()
    {
        var summary = "电话投诉：货物晚到" + Guid.NewGuid().ToString("N")[..4];
        await using var agentContext = await fixture.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 1000 } });
        var agent = await SignInAsync(agentContext, "sh.cs");
        await agent.GotoAsync(fixture.BaseUrl + "/incidents/new");
        await agent.GetByLabel("类型").SelectOptionAsync(new SelectOptionValue { Label = "客户投诉" });
        await agent.GetByLabel("客户名称（非档案客户）").FillAsync("上海来电客户");
        await agent.GetByLabel("概要").FillAsync(summary);
        await agent.GetByLabel("经过与处理").FillAsync("客户来电称货物晚到两天，已致歉并核查运单。");
        // Whatever time the run happens at, the call to the leader is logged: outside working time it is required (EXC-04).
        await agent.GetByLabel("通知的领导").FillAsync("赵主任");
        await agent.GetByLabel("通话时间").FillAsync(DateTime.UtcNow.AddHours(8).ToString("yyyy-MM-ddTHH:mm", System.Globalization.CultureInfo.InvariantCulture));
        await agent.GetByRole(AriaRole.Button, new() { Name = "记录并邮件上报" }).ClickAsync();

        await Assertions.Expect(agent.GetByRole(AriaRole.Heading, new() { Name = summary })).ToBeVisibleAsync();
        var clocks = agent.GetByTestId("incident-timers");
        await Assertions.Expect(clocks).ToContainTextAsync("邮件上报期限");
        await Assertions.Expect(clocks).ToContainTextAsync("已上报");
        await Assertions.Expect(clocks).ToContainTextAsync("答复客户");
        await Assertions.Expect(agent.GetByTestId("incident-timeline")).ToContainTextAsync("邮件上报");
        var url = agent.Url;

        await agent.GetByLabel("说明").FillAsync("已回电客户，预计明天送达");
        await agent.GetByRole(AriaRole.Button, new() { Name = "答复客户", Exact = true }).ClickAsync();
        await Assertions.Expect(agent.GetByTestId("incident-timeline")).ToContainTextAsync("已回电客户");

        await using var qcContext = await fixture.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 1000 } });
        var qc = await SignInAsync(qcContext, "qc");
        await qc.GotoAsync(url);
        await qc.GetByLabel("调查结论").FillAsync("承运商中转延误，客服处理及时。");
        await qc.GetByRole(AriaRole.Button, new() { Name = "保存调查结论" }).ClickAsync();
        await Assertions.Expect(qc.GetByText("质控调查中").First).ToBeVisibleAsync();
        await Assertions.Expect(qc.GetByTestId("incident-timeline")).ToContainTextAsync("承运商中转延误");
        await qc.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "incident.png"), FullPage = true });
    }

    private async Task<IPage> SignInAsync(IBrowserContext context, string user)
    {
        var page = await context.NewPageAsync();
        var login = new LoginPage(page, fixture.BaseUrl);
        await login.OpenAsync();
        await login.SignInAsync(user, "Kefu-demo-2026", "用户名", "密码", "登录");
        return page;
    }
}
