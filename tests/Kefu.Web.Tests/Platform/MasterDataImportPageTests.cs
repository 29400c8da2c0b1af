using System.Net;
using Kefu.Web.Tests.Infrastructure;

namespace Kefu.Web.Tests.Platform;

/// <summary>
/// PLT-05 on the pages: the staff list, the price list and the calendar year lead to their imports,
/// and an upload shows every bad row with its column in words, as the customer import does.
/// </summary>
public sealed class MasterDataImportPageTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    private static readonly string[] InternalNames = ["StaffImport.", "PriceImport.", "CalendarSheet.", "Import.", "PLT-"];

    private static async Task<string> HtmlAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task PLT_05_the_staff_import_page_saves_good_rows_and_lists_bad_ones_by_column()
    {
        using (var supervisor = await PageClient.SignInAsync(app, "sh.sup"))
        {
            Assert.DoesNotContain("href=\"/staff/import\"", (await supervisor.GetAsync("/staff")).Html, StringComparison.Ordinal);
        }

        using var clerk = await PageClient.SignInAsync(app, "adminclerk");
        Assert.Contains("href=\"/staff/import\"", (await clerk.GetAsync("/staff")).Html, StringComparison.Ordinal);
        var tag = Guid.NewGuid().ToString("N")[..6];
        var sheet = Sheets.Build(["用户名", "姓名", "工号", "单位编码", "角色", "初始密码"],
            [$"page.a{tag}", "页面导入", $"PA{tag}", "SH", "客服专员", "Import-test-2027"],
            ["sh.cs", "重名", $"PB{tag}", "SH", "客服专员", "Import-test-2027"]);
        using var response = await clerk.PostFormAsync("/staff/import", "/staff/import", new Dictionary<string, string>(), ("file", "staff.xlsx", sheet));
        var html = await HtmlAsync(response);
        Assert.Contains("共 2 行，导入 1 行，1 个问题。", html, StringComparison.Ordinal);
        Assert.Contains("<td>3</td><td>用户名</td><td>该用户名已被使用。</td>", html, StringComparison.Ordinal);
        Assert.All(InternalNames, name => Assert.DoesNotContain(name, html, StringComparison.Ordinal));
    }

    [Fact]
    public async Task PLT_05_the_price_list_page_exports_in_the_import_columns_and_its_import_lists_bad_rows()
    {
        using var manager = await PageClient.SignInAsync(app, "csmgr");
        Assert.Contains("href=\"/field/prices/import\"", (await manager.GetAsync("/field/prices")).Html, StringComparison.Ordinal);
        using var client = await app.ClientFor("csmgr");
        var export = await client.GetByteArrayAsync("/field/prices?handler=Export&kind=Part");
        Assert.Equal(["编号", "名称", "英文名称", "类别", "适用工单类型", "价格（元）", "状态"], Sheets.Header(export));
        Assert.All(Sheets.Read(export), r => Assert.Equal("配件", r["类别"]));

        var sheet = Sheets.Build(["编号", "名称", "类别", "价格（元）"], ["PG-" + Guid.NewGuid().ToString("N")[..6], "页面导入配件", "配件", "八十"]);
        using var response = await manager.PostFormAsync("/field/prices/import", "/field/prices/import", new Dictionary<string, string>(), ("file", "prices.xlsx", sheet));
        var html = await HtmlAsync(response);
        Assert.Contains("共 1 行，导入 0 行，1 个问题。", html, StringComparison.Ordinal);
        Assert.Contains("<td>2</td><td>价格（元）</td><td>请输入不小于 0 的金额", html, StringComparison.Ordinal);
        Assert.All(InternalNames, name => Assert.DoesNotContain(name, html, StringComparison.Ordinal));
    }

    [Fact]
    public async Task PLT_05_the_calendar_year_page_imports_a_sheet_as_one_unit()
    {
        using var admin = await PageClient.SignInAsync(app, "admin");
        var (status, page) = await admin.GetAsync("/admin/calendars/cn?year=2032");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("用 Excel 导入 2032 年", page, StringComparison.Ordinal);
        Assert.Contains("href=\"/api/calendars/cn/years/2032/import/template\"", page, StringComparison.Ordinal);

        using var api = await app.ClientFor("admin");
        var rows = Sheets.Read(await api.GetByteArrayAsync("/api/calendars/cn/years/2032/import/template"));
        var header = rows[0].Keys.ToArray();
        rows[0]["类型"] = "节假日";
        rows[0]["名称"] = "元旦";
        var incomplete = Sheets.Build(rows.Take(300).ToList(), header);
        using (var refused = await admin.PostFormAsync("/admin/calendars/cn?year=2032", "/admin/calendars/cn?handler=Sheet", new Dictionary<string, string> { ["year"] = "2032" },
                   ("file", "2032.xlsx", incomplete)))
        {
            var html = await HtmlAsync(refused);
            Assert.Contains("共 300 行，导入 0 行，1 个问题。", html, StringComparison.Ordinal);
            Assert.Contains("<td>整张表</td><td>日期</td><td>缺少 2032 年的 66 个日期", html, StringComparison.Ordinal);
            Assert.Contains("data-arranged=\"false\"", html, StringComparison.Ordinal);
            Assert.All(InternalNames, name => Assert.DoesNotContain(name, html, StringComparison.Ordinal));
        }

        using var imported = await admin.PostFormAsync("/admin/calendars/cn?year=2032", "/admin/calendars/cn?handler=Sheet", new Dictionary<string, string> { ["year"] = "2032" },
            ("file", "2032.xlsx", Sheets.Build(rows, header)));
        Assert.Equal(HttpStatusCode.Redirect, imported.StatusCode);
        var (_, after) = await admin.GetAsync(imported.Headers.Location!.OriginalString);
        Assert.Contains("data-testid=\"year-status\" data-arranged=\"true\"", after, StringComparison.Ordinal);
        Assert.Contains("data-date=\"2032-01-01\" data-kind=\"holiday\"", after, StringComparison.Ordinal);
    }
}
