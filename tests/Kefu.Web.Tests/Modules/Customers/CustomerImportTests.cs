using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Kefu.Web.Tests.Infrastructure;
using NPOI.XSSF.UserModel;

namespace Kefu.Web.Tests.Modules.Customers;

/// <summary>CUS-03 import: valid rows saved, bad rows reported by row and field, duplicates flagged, nothing half-saved.</summary>
public abstract class CustomerImportTests(KefuFactory app)
{
    private static byte[] Workbook(params string?[][] rows)
    {
        var workbook = new XSSFWorkbook();
        var sheet = workbook.CreateSheet("客户");
        string[] header = ["客户名称", "电话", "结算方式", "账期（天）", "邮箱"];
        var h = sheet.CreateRow(0);
        for (var c = 0; c < header.Length; c++)
        {
            h.CreateCell(c).SetCellValue(header[c]);
        }

        for (var r = 0; r < rows.Length; r++)
        {
            var row = sheet.CreateRow(r + 1);
            for (var c = 0; c < rows[r].Length; c++)
            {
                if (rows[r][c] is { } value)
                {
                    row.CreateCell(c).SetCellValue(value);
                }
            }
        }

        using var stream = new MemoryStream();
        workbook.Write(stream);
        return stream.ToArray();
    }

    [ProviderFact]
    public async Task CUS_03_import_saves_valid_rows_and_reports_bad_ones_by_row_and_field()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        var file = Workbook(
            ["导入客户甲" + tag, "021-7000 0001", "月结", "30", null],
            ["导入客户乙" + tag, null, "Cash", null, null],
            [null, "021-7000 0002", null, null, null],                        // row 4: no name
            ["上海浦江物流有限公司", null, null, null, null],                  // row 5: duplicate of a demo customer
            ["导入客户丙" + tag, null, "每周", null, null],                     // row 6: unknown settlement
            ["导入客户甲" + tag, null, null, null, null],                      // row 7: duplicate of row 2
            ["导入客户丁" + tag, null, null, "-5", "bad-email"],                // row 8: two bad fields
            ["导入客户戊" + tag, null, null, null, null]);
        using var client = await app.ClientFor("sh.sup");
        using var form = new MultipartFormDataContent();
        var content = new ByteArrayContent(file);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        form.Add(content, "file", "customers.xlsx");
        using var response = await client.PostAsync("/api/customers/import", form);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = await response.Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal(8, (int)result!["rows"]!);
        Assert.Equal(3, (int)result["imported"]!);
        var errors = result["errors"]!.AsArray().Select(e => ((int)e!["row"]!, (string)e["field"]!)).ToList();
        Assert.Contains((4, "name"), errors);
        Assert.Contains((5, "name"), errors);
        Assert.Contains((6, "settlement"), errors);
        Assert.Contains((7, "name"), errors);
        Assert.Contains((8, "paymentCycleDays"), errors);
        Assert.Contains((8, "contactEmail"), errors);

        var page = await client.GetFromJsonAsync<JsonObject>($"/api/customers?q={tag}&pageSize=50");
        Assert.Equal(3, (int)page!["total"]!);
        Assert.All(page["items"]!.AsArray(), c => Assert.StartsWith("C", (string?)c!["number"], StringComparison.Ordinal));
    }

    [ProviderFact]
    public async Task CUS_03_the_template_downloads_and_a_non_excel_file_is_refused()
    {
        using var client = await app.ClientFor("sh.cs");
        var template = await client.GetByteArrayAsync("/api/customers/import/template");
        using (var stream = new MemoryStream(template))
        {
            Assert.Equal("客户名称", new XSSFWorkbook(stream).GetSheetAt(0).GetRow(0).GetCell(0).StringCellValue);
        }

        using var form = new MultipartFormDataContent { { new ByteArrayContent("not excel"u8.ToArray()), "file", "x.xlsx" } };
        using var response = await client.PostAsync("/api/customers/import", form);
        var result = await response.Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal(0, (int)result!["imported"]!);
        Assert.Equal("file", (string?)result["errors"]![0]!["field"]);
    }
}

public sealed class CustomerImportTestsOnSqlite(SqliteApp app) : CustomerImportTests(app), IClassFixture<SqliteApp>;

public sealed class CustomerImportTestsOnPostgres(PostgresApp app) : CustomerImportTests(app), IClassFixture<PostgresApp>;
