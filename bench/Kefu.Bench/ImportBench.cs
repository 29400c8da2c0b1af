using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using NPOI.XSSF.UserModel;

/// <summary>
/// CUS-03's bulk intake as a user meets it: a spreadsheet of N customers (every 50th row bad,
/// every 100th a duplicate of an earlier row) uploaded to /api/customers/import of a running
/// Kefu, timed from the first byte sent to the answer with the per-row report.
/// </summary>
internal static class ImportBench
{
    public static async Task<int> RunAsync(string baseUrl, int rows, string user, string password)
    {
        var run = Guid.NewGuid().ToString("N")[..6];
        var workbook = new XSSFWorkbook();
        var sheet = workbook.CreateSheet("客户");
        string[] header = ["客户名称", "等级", "电话", "统一社会信用代码", "省", "市", "区县", "地址", "行业", "销售渠道", "结算方式", "账期（天）"];
        var first = sheet.CreateRow(0);
        for (var c = 0; c < header.Length; c++)
        {
            first.CreateCell(c).SetCellValue(header[c]);
        }

        for (var r = 1; r <= rows; r++)
        {
            var row = sheet.CreateRow(r);
            var n = r % 100 == 0 ? r - 1 : r; // a duplicate of the row above
            string[] values =
            [
                $"压测客户{run}-{n:D6}有限公司", r % 50 == 0 ? "TOO-LONG-GRADE" : "ABC"[n % 3].ToString(), $"021-{(run.GetHashCode() & 0xFFF):D4}{n:D6}", "",
                "上海", "上海", "浦东", $"张江路 {n} 号", "制造", "直销", n % 2 == 0 ? "Monthly" : "Cash", "30",
            ];
            for (var c = 0; c < values.Length; c++)
            {
                row.CreateCell(c).SetCellValue(values[c]);
            }
        }

        using var buffer = new MemoryStream();
        workbook.Write(buffer, leaveOpen: true);
        var bytes = buffer.ToArray();

        using var http = new HttpClient { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromMinutes(10) };
        using var login = await http.PostAsJsonAsync("/api/auth/token", new { userName = user, password });
        login.EnsureSuccessStatusCode();
        var token = (string)(await login.Content.ReadFromJsonAsync<JsonObject>())!["accessToken"]!;
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        using var content = new MultipartFormDataContent { { new ByteArrayContent(bytes), "file", "customers.xlsx" } };
        var watch = Stopwatch.StartNew();
        using var response = await http.PostAsync("/api/customers/import", content);
        var body = await response.Content.ReadFromJsonAsync<JsonObject>();
        watch.Stop();
        response.EnsureSuccessStatusCode();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"import: rows={body!["rows"]} imported={body["imported"]} problems={body["errors"]!.AsArray().Count} file={bytes.Length / 1024}KB seconds={watch.Elapsed.TotalSeconds:F1} rows/s={rows / watch.Elapsed.TotalSeconds:F0}"));
        return 0;
    }
}
