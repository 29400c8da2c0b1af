using System.Text.RegularExpressions;
using Kefu.Browser.Tests.Pages;
using Microsoft.Playwright;

namespace Kefu.Browser.Tests;

/// <summary>
/// Issue 17's report flow (PERF-08): the Shanghai supervisor drafts the centre's monthly report on the
/// list page, writes the commentary and submits it; the CS manager opens it, approves it and downloads
/// the archived PDF.
/// </summary>
public sealed partial class MonthlyReportFlowTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [BrowserFact]
    public async Task PERF_08_the_supervisor_drafts_and_submits_the_report_the_manager_approves_it_and_downloads_the_pdf()
    {
        // Kefu's CSP allows only its own scripts: the test's copy of axe-core is let in by the browser.
        await using var supervisorContext = await fixture.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 }, BypassCSP = true });
        var supervisor = await PageChecks.SignInAsync(supervisorContext, fixture.BaseUrl, "sh.sup");
        await supervisor.GotoAsync(fixture.BaseUrl + "/performance/reports");
        var findings = (await PageChecks.AxeSeriousAsync(supervisor)).Select(f => "list: " + f).ToList();
        await supervisor.GetByTestId("report-generate-button").ClickAsync();
        await Assertions.Expect(supervisor.GetByTestId("notice")).ToBeVisibleAsync();
        await PageChecks.ChartsDrawnAsync(supervisor);
        var url = supervisor.Url;
        Assert.Matches(ReportUrl(), url);
        findings.AddRange((await PageChecks.AxeSeriousAsync(supervisor)).Select(f => "detail: " + f));
        await supervisor.GotoAsync(url + "?culture=en");
        await PageChecks.ChartsDrawnAsync(supervisor);
        await Assertions.Expect(supervisor.GetByTestId("report-status")).ToHaveTextAsync("Draft");
        findings.AddRange((await PageChecks.AxeSeriousAsync(supervisor)).Select(f => "detail (en): " + f));
        Assert.True(findings.Count == 0, "axe-core, serious or critical:\n" + string.Join('\n', findings));
        await supervisor.GotoAsync(url + "?culture=zh-CN");

        await supervisor.GetByLabel("本月工作总结、问题与改进措施").FillAsync("本月上海中心工单按时完成，下月加强回访。");
        await supervisor.GetByTestId("report-submit").ClickAsync();
        await Assertions.Expect(supervisor.GetByTestId("report-status")).ToHaveTextAsync("审批中");

        await using var managerContext = await fixture.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 }, AcceptDownloads = true });
        var manager = await PageChecks.SignInAsync(managerContext, fixture.BaseUrl, "csmgr");
        await manager.GotoAsync(url);
        await manager.GetByTestId("report-approve").ClickAsync();
        await Assertions.Expect(manager.GetByTestId("report-status")).ToHaveTextAsync("已归档");
        await Assertions.Expect(manager.GetByTestId("archived")).ToBeVisibleAsync();

        var download = await manager.RunAndWaitForDownloadAsync(() => manager.GetByTestId("report-pdf").ClickAsync());
        var file = Path.Combine(Path.GetTempPath(), $"kefu-report-{Guid.NewGuid():N}.pdf");
        await download.SaveAsAsync(file);
        try
        {
            var head = new byte[5];
            await using (var stream = File.OpenRead(file))
            {
                await stream.ReadExactlyAsync(head);
            }

            Assert.Equal("%PDF-"u8.ToArray(), head);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [GeneratedRegex(@"/performance/reports/\d+$")]
    private static partial Regex ReportUrl();
}
