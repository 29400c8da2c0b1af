using Kefu.Browser.Tests.Pages;
using Microsoft.Playwright;
using NPOI.XSSF.UserModel;

namespace Kefu.Browser.Tests;

/// <summary>Issue 5's flow: sh.sup imports a spreadsheet and assigns with the suggestion; sh.cs records a visit; the statistics page draws its charts.</summary>
public sealed class VisitFlowTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [BrowserFact]
    public async Task VIS_02_supervisor_imports_and_assigns_with_the_suggestion_then_the_specialist_records_a_visit()
    {
        var name = "导入回访客户" + Guid.NewGuid().ToString("N")[..6];
        var sheet = Path.Combine(Path.GetTempPath(), $"kefu-import-{Guid.NewGuid():N}.xlsx");
        WriteSheet(sheet, [["客户名称", "等级", "电话", "省", "市"], [name, "A", "021-" + Random.Shared.Next(10000000, 99999999), "上海", "上海"], ["", "B", "", "", ""]]);

        await using var supervisorContext = await fixture.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 } });
        var supervisor = await SignInAsync(supervisorContext, "sh.sup");
        await supervisor.GotoAsync(fixture.BaseUrl + "/customers/import");
        // A file that is not a workbook is refused with the reason beside the file input.
        await supervisor.GetByLabel("文件").SetInputFilesAsync(new FilePayload { Name = "客户.xlsx", MimeType = "application/octet-stream", Buffer = "客户名称,电话"u8.ToArray() });
        await supervisor.GetByRole(AriaRole.Button, new() { Name = "导入", Exact = true }).ClickAsync();
        await Assertions.Expect(supervisor.GetByTestId("import-file-error")).ToContainTextAsync("文件不是 Excel");
        await supervisor.GetByLabel("文件").SetInputFilesAsync(sheet);
        await supervisor.GetByRole(AriaRole.Button, new() { Name = "导入", Exact = true }).ClickAsync();
        // The good row is saved; the row without a name is reported, not half-saved.
        await Assertions.Expect(supervisor.GetByTestId("import-result")).ToHaveTextAsync("共 2 行，导入 1 行，1 个问题。");
        await Assertions.Expect(supervisor.Locator("table").Locator("tr", new() { HasText = "客户名称" })).ToContainTextAsync("3");

        await supervisor.GotoAsync(fixture.BaseUrl + "/customers/assign");
        await supervisor.GetByLabel(name).CheckAsync();
        await supervisor.GetByRole(AriaRole.Button, new() { Name = "给出建议" }).ClickAsync();
        var row = supervisor.GetByTestId("assign-table").Locator("tr", new() { HasText = name });
        await Assertions.Expect(row).ToContainTextAsync("蒋上海客服");
        await supervisor.GetByRole(AriaRole.Button, new() { Name = "按建议分配" }).ClickAsync();
        await Assertions.Expect(supervisor.GetByText("已分配 1 个客户。")).ToBeVisibleAsync();

        await using var specialistContext = await fixture.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 } });
        var specialist = await SignInAsync(specialistContext, "sh.cs");
        await specialist.GotoAsync(fixture.BaseUrl + "/customers?q=" + Uri.EscapeDataString(name));
        await specialist.GetByRole(AriaRole.Link, new() { Name = name }).ClickAsync();
        await specialist.GetByRole(AriaRole.Link, new() { Name = "记录回访" }).ClickAsync();
        await specialist.GetByLabel("回访方式").SelectOptionAsync(new SelectOptionValue { Label = "电话" });
        await specialist.GetByLabel("联系人").FillAsync("王经理");
        await specialist.GetByLabel("很满意").CheckAsync();
        await specialist.GetByLabel("客户反馈").FillAsync("希望下月增加一次巡检");
        await specialist.GetByLabel("创建跟进案例").CheckAsync();
        await specialist.GetByRole(AriaRole.Button, new() { Name = "保存" }).ClickAsync();
        await Assertions.Expect(specialist.GetByText("回访已记录")).ToBeVisibleAsync();

        // The first contact stopped the CUS-05 week, and the visit is on the list with its follow-up.
        await specialist.GotoAsync(fixture.BaseUrl + "/visits?status=Done&q=" + Uri.EscapeDataString(name));
        var visit = specialist.GetByTestId("visits").Locator("tr", new() { HasText = name });
        await Assertions.Expect(visit).ToContainTextAsync("很满意");
        await Assertions.Expect(visit).ToContainTextAsync("已创建跟进");

        // Last month always has the demo's callbacks, whatever day of the month the run falls on.
        var lastMonth = DateTime.UtcNow.AddHours(8).AddMonths(-1).ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
        await supervisor.GotoAsync(fixture.BaseUrl + "/satisfaction?by=Technician&month=" + lastMonth);
        await Assertions.Expect(supervisor.GetByTestId("satisfaction")).ToContainTextAsync("沈工程师一");
        await Assertions.Expect(supervisor.GetByTestId("trend-chart")).ToHaveAttributeAsync("data-finished", "1");
        await supervisor.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "satisfaction.png"), FullPage = true });
        File.Delete(sheet);
    }

    private async Task<IPage> SignInAsync(IBrowserContext context, string user)
    {
        var page = await context.NewPageAsync();
        var login = new LoginPage(page, fixture.BaseUrl);
        await login.OpenAsync();
        await login.SignInAsync(user, "Kefu-demo-2026", "用户名", "密码", "登录");
        return page;
    }

    private static void WriteSheet(string path, string[][] rows)
    {
        var workbook = new XSSFWorkbook();
        var sheet = workbook.CreateSheet("客户");
        for (var r = 0; r < rows.Length; r++)
        {
            var row = sheet.CreateRow(r);
            for (var c = 0; c < rows[r].Length; c++)
            {
                row.CreateCell(c).SetCellValue(rows[r][c]);
            }
        }

        using var file = File.Create(path);
        workbook.Write(file);
    }
}
