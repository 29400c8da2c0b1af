using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

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
        var bytes = ImportFiles.Customers(rows, run);

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
