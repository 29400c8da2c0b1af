using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Text.Json.Nodes;
using Kefu.Web.Tests.Infrastructure;
using NPOI.XSSF.UserModel;

/// <summary>
/// Issue 10, class 11: time and peak memory of the customer import, measured on a real Kefu
/// process (started here on a fresh SQLite demo database, one per file, so each peak is its own),
/// for N customers and for a workbook that unpacks to about 300 MB. The server's peak resident set
/// is read from /proc (VmHWM, reset just before the upload). For comparison the same files are
/// opened with NPOI's XSSFWorkbook, as the import did before, each in a child process of its own.
/// </summary>
internal static class ImportMemoryBench
{
    public static async Task<int> RunAsync(int rows, string? webDll)
    {
        var run = Guid.NewGuid().ToString("N")[..6];
        var files = new (string Label, byte[] Bytes)[] { ($"{rows} rows", ImportFiles.Customers(rows, run)), ("300 MB unpacked", ImportFiles.Bomb(300)) };
        foreach (var (label, bytes) in files)
        {
            Console.WriteLine(Invariant($"file {label}: {bytes.Length / 1024} KB, unpacks to {Unpacked(bytes) / 1024 / 1024} MB"));
        }

        foreach (var (label, bytes) in files)
        {
            await MeasureServerAsync(webDll, label, bytes, run);
        }

        foreach (var (label, bytes) in files)
        {
            var path = Path.Combine(Path.GetTempPath(), $"kefu-bench-{run}-{label.Replace(' ', '-')}.xlsx");
            await File.WriteAllBytesAsync(path, bytes);
            try
            {
                Console.WriteLine($"before (NPOI XSSFWorkbook) {label}: {await RunChildAsync("npoi-read", path)}");
            }
            finally
            {
                File.Delete(path);
            }
        }

        return 0;
    }

    /// <summary>Child process: open a file as the import did before issue 10 and print time and peak memory.</summary>
    public static int NpoiRead(string path)
    {
        var watch = Stopwatch.StartNew();
        string outcome;
        try
        {
            using var stream = File.OpenRead(path);
            var sheet = new XSSFWorkbook(stream).GetSheetAt(0);
            outcome = Invariant($"rows={sheet.LastRowNum + 1}");
        }
        catch (Exception e)
        {
            outcome = e.GetType().Name;
        }

        watch.Stop();
        using var self = Process.GetCurrentProcess();
        Console.WriteLine(Invariant(
            $"{outcome} seconds={watch.Elapsed.TotalSeconds:F2} peakWorkingSet={self.PeakWorkingSet64 / 1024 / 1024}MB allocated={GC.GetTotalAllocatedBytes() / 1024 / 1024}MB"));
        return 0;
    }

    private static async Task MeasureServerAsync(string? dll, string label, byte[] file, string run)
    {
        await using var server = await KefuProcess.StartAsync(webDll: dll);
        using var http = await server.SignInAsync("sh.sup");

        // A small import first, so that start-up, JIT and the first query are not in the figure.
        await UploadAsync(http, ImportFiles.Customers(10, "warm" + run));
        var before = server.StatusMegabytes("VmRSS");
        var reset = server.TryResetPeak();
        var watch = Stopwatch.StartNew();
        var (status, body) = await UploadAsync(http, file);
        watch.Stop();
        var peak = server.StatusMegabytes("VmHWM");
        var outcome = status == HttpStatusCode.OK
            ? Invariant($"rows={body!["rows"]} imported={body["imported"]} problems={body["errors"]!.AsArray().Count}")
            : Invariant($"refused: {body?["errors"]?["file"]?[0]}");
        Console.WriteLine(Invariant(
            $"after (streaming) {label}: {(int)status} {outcome} seconds={watch.Elapsed.TotalSeconds:F2} serverPeakRss={peak}MB{(reset ? "" : " (since start: peak reset not available)")} rssBefore={before}MB"));
    }

    private static async Task<(HttpStatusCode Status, JsonObject? Body)> UploadAsync(HttpClient http, byte[] file)
    {
        using var content = new MultipartFormDataContent { { new ByteArrayContent(file), "file", "customers.xlsx" } };
        using var response = await http.PostAsync("/api/customers/import", content);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.StartsWith('{') ? JsonNode.Parse(text)!.AsObject() : null);
    }

    private static async Task<string> RunChildAsync(params string[] args)
    {
        var self = Environment.ProcessPath!;
        var start = new ProcessStartInfo(self) { RedirectStandardOutput = true };
        if (Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            start.ArgumentList.Add(typeof(ImportMemoryBench).Assembly.Location);
        }

        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var child = Process.Start(start)!;
        var output = await child.StandardOutput.ReadToEndAsync();
        await child.WaitForExitAsync();
        return output.Trim();
    }

    private static long Unpacked(byte[] file)
    {
        using var zip = new ZipArchive(new MemoryStream(file));
        return zip.Entries.Sum(e => e.Length);
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
