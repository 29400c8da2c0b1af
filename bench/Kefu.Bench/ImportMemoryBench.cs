using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json.Nodes;
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
    private const string DemoPassword = "Kefu-demo-2026";

    public static async Task<int> RunAsync(int rows, string? webDll)
    {
        var dll = webDll ?? LocateWebDll();
        var run = Guid.NewGuid().ToString("N")[..6];
        var files = new (string Label, byte[] Bytes)[] { ($"{rows} rows", ImportFiles.Customers(rows, run)), ("300 MB unpacked", ImportFiles.Bomb(300)) };
        foreach (var (label, bytes) in files)
        {
            Console.WriteLine(Invariant($"file {label}: {bytes.Length / 1024} KB, unpacks to {Unpacked(bytes) / 1024 / 1024} MB"));
        }

        foreach (var (label, bytes) in files)
        {
            await MeasureServerAsync(dll, label, bytes, run);
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

    private static async Task MeasureServerAsync(string dll, string label, byte[] file, string run)
    {
        var data = Directory.CreateTempSubdirectory("kefu-bench-");
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = Path.GetDirectoryName(dll)!, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(dll);
        start.ArgumentList.Add("--demo");
        start.Environment["ASPNETCORE_URLS"] = Invariant($"http://127.0.0.1:{port}");
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Kefu__DataDirectory"] = data.FullName;
        start.Environment["Kefu__Jobs__Enabled"] = "false";
        start.Environment["KEFU_ADMIN_PASSWORD"] = "Bench-admin-2026";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        using var server = Process.Start(start) ?? throw new InvalidOperationException("Kefu did not start.");
        server.OutputDataReceived += (_, _) => { };
        server.ErrorDataReceived += (_, _) => { };
        server.BeginOutputReadLine();
        server.BeginErrorReadLine();
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri(Invariant($"http://127.0.0.1:{port}")), Timeout = TimeSpan.FromMinutes(10) };
            await WaitReadyAsync(http, server);
            using var login = await http.PostAsJsonAsync("/api/auth/token", new { userName = "sh.sup", password = DemoPassword });
            login.EnsureSuccessStatusCode();
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", (string)(await login.Content.ReadFromJsonAsync<JsonObject>())!["accessToken"]!);

            // A small import first, so that start-up, JIT and the first query are not in the figure.
            await UploadAsync(http, ImportFiles.Customers(10, "warm" + run));
            var before = ProcStatusMegabytes(server.Id, "VmRSS");
            var reset = TryResetPeak(server.Id);
            var watch = Stopwatch.StartNew();
            var (status, body) = await UploadAsync(http, file);
            watch.Stop();
            var peak = ProcStatusMegabytes(server.Id, "VmHWM");
            var outcome = status == HttpStatusCode.OK
                ? Invariant($"rows={body!["rows"]} imported={body["imported"]} problems={body["errors"]!.AsArray().Count}")
                : Invariant($"refused: {body?["errors"]?["file"]?[0]}");
            Console.WriteLine(Invariant(
                $"after (streaming) {label}: {(int)status} {outcome} seconds={watch.Elapsed.TotalSeconds:F2} serverPeakRss={peak}MB{(reset ? "" : " (since start: peak reset not available)")} rssBefore={before}MB"));
        }
        finally
        {
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync();
            data.Delete(recursive: true);
        }
    }

    private static async Task<(HttpStatusCode Status, JsonObject? Body)> UploadAsync(HttpClient http, byte[] file)
    {
        using var content = new MultipartFormDataContent { { new ByteArrayContent(file), "file", "customers.xlsx" } };
        using var response = await http.PostAsync("/api/customers/import", content);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.StartsWith('{') ? JsonNode.Parse(text)!.AsObject() : null);
    }

    private static async Task WaitReadyAsync(HttpClient http, Process server)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromMinutes(3))
        {
            if (server.HasExited)
            {
                throw new InvalidOperationException(Invariant($"Kefu exited with {server.ExitCode} before it was ready."));
            }

            try
            {
                using var ready = await http.GetAsync("/health/ready");
                if (ready.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(250);
        }

        throw new TimeoutException("Kefu was not ready within 3 minutes.");
    }

    /// <summary>Writing 5 to clear_refs resets the peak resident set (Linux); false where that is not possible.</summary>
    private static bool TryResetPeak(int pid)
    {
        try
        {
            File.WriteAllText($"/proc/{pid}/clear_refs", "5");
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static long ProcStatusMegabytes(int pid, string field)
    {
        var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith(field + ":", StringComparison.Ordinal));
        return line is null ? -1 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
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

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>src/Kefu.Web's build output of the same configuration as this benchmark's.</summary>
    private static string LocateWebDll()
    {
        var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var configuration = output.Parent!.Name;
        var root = output;
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Kefu.slnx")))
        {
            root = root.Parent;
        }

        var dll = Path.Combine(root?.FullName ?? throw new InvalidOperationException("Kefu.slnx not found above the benchmark."),
            "src", "Kefu.Web", "bin", configuration, "net10.0", "Kefu.Web.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException("Build src/Kefu.Web first.", dll);
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
