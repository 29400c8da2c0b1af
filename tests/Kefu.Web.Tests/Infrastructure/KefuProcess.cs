using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json.Nodes;

namespace Kefu.Web.Tests.Infrastructure;

/// <summary>
/// The built Kefu.Web (the caller's own configuration: Release under <c>-c Release</c>) started as a
/// process of its own on a free port, as an operator would start it (<c>dotnet Kefu.Web.dll</c>, with
/// or without the demo data), killed on dispose. Extra environment variables choose the database and
/// settings. Used by the crash tests (kill -9, then a restart on the same data) and by the benchmarks
/// in bench/ (linked there).
/// </summary>
public sealed class KefuProcess : IAsyncDisposable
{
    public const string DemoPassword = "Kefu-demo-2026";

    public const string AdminPassword = "Bench-admin-2026";

    private readonly Process _process;
    private readonly bool _ownsData;

    private KefuProcess(Process process, Uri baseAddress, DirectoryInfo data, bool ownsData)
    {
        _process = process;
        BaseAddress = baseAddress;
        Data = data;
        _ownsData = ownsData;
    }

    public Uri BaseAddress { get; }

    public DirectoryInfo Data { get; }

    public int Pid => _process.Id;

    public TimeSpan ReadyAfter { get; private set; }

    /// <summary>Starts Kefu and waits until /health/ready answers.</summary>
    /// <param name="environment">Extra environment variables (ASP.NET configuration: <c>Database__Provider</c>…).</param>
    /// <param name="webDll">Kefu.Web.dll to run; by default src/Kefu.Web's output of the caller's configuration.</param>
    /// <param name="demo">Seed the demo organisation and users (<c>--demo</c>).</param>
    /// <param name="data">The data directory to use and keep (a restart); by default a new one, deleted on dispose.</param>
    public static async Task<KefuProcess> StartAsync(IReadOnlyDictionary<string, string>? environment = null, string? webDll = null, bool demo = true, DirectoryInfo? data = null)
    {
        var dll = webDll ?? LocateWebDll();
        var ownsData = data is null;
        data ??= Directory.CreateTempSubdirectory("kefu-process-");
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = Path.GetDirectoryName(dll)!, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(dll);
        if (demo)
        {
            start.ArgumentList.Add("--demo");
        }

        start.Environment["ASPNETCORE_URLS"] = Invariant($"http://127.0.0.1:{port}");
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Kefu__DataDirectory"] = data.FullName;
        start.Environment["Kefu__Jobs__Enabled"] = "false";
        start.Environment["KEFU_ADMIN_PASSWORD"] = AdminPassword;
        start.Environment["KEFU_DEMO_PASSWORD"] = DemoPassword;
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        var watch = Stopwatch.StartNew();
        var process = Process.Start(start) ?? throw new InvalidOperationException("Kefu did not start.");
        var errors = new System.Collections.Concurrent.ConcurrentQueue<string>();
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null && errors.Count < 50)
            {
                errors.Enqueue(e.Data);
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var kefu = new KefuProcess(process, new Uri(Invariant($"http://127.0.0.1:{port}")), data, ownsData);
        try
        {
            using var http = kefu.CreateClient();
            await WaitReadyAsync(http, process, errors);
            kefu.ReadyAfter = watch.Elapsed;
            return kefu;
        }
        catch
        {
            await kefu.DisposeAsync();
            throw;
        }
    }

    public HttpClient CreateClient(HttpMessageHandler? handler = null) =>
        new(handler ?? new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(10), MaxConnectionsPerServer = 1024 })
        {
            BaseAddress = BaseAddress,
            Timeout = TimeSpan.FromMinutes(10),
        };

    /// <summary>A client signed in with a bearer token of the demo user <paramref name="userName"/>.</summary>
    public async Task<HttpClient> SignInAsync(string userName, string password = DemoPassword)
    {
        var http = CreateClient();
        using var login = await http.PostAsJsonAsync("/api/auth/token", new { userName, password });
        login.EnsureSuccessStatusCode();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", (string)(await login.Content.ReadFromJsonAsync<JsonObject>())!["accessToken"]!);
        return http;
    }

    /// <summary>A field of /proc/PID/status in megabytes (VmRSS, VmHWM…), -1 when absent.</summary>
    public long StatusMegabytes(string field)
    {
        var line = File.ReadLines($"/proc/{Pid}/status").FirstOrDefault(l => l.StartsWith(field + ":", StringComparison.Ordinal));
        return line is null ? -1 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
    }

    /// <summary>Writing 5 to clear_refs resets the peak resident set (Linux); false where that is not possible.</summary>
    public bool TryResetPeak()
    {
        try
        {
            File.WriteAllText($"/proc/{Pid}/clear_refs", "5");
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>SIGKILL, as <c>kill -9</c>: no shutdown code runs; the data directory stays.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
        if (!_ownsData)
        {
            return;
        }

        try
        {
            Data.Delete(recursive: true);
        }
        catch (IOException)
        {
            // A file still held: the temporary directory is left for the system to clean.
        }
    }

    private static async Task WaitReadyAsync(HttpClient http, Process server, IEnumerable<string> errors)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromMinutes(3))
        {
            if (server.HasExited)
            {
                throw new InvalidOperationException(Invariant($"Kefu exited with {server.ExitCode} before it was ready: {string.Join('\n', errors)}"));
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

            await Task.Delay(20);
        }

        throw new TimeoutException("Kefu was not ready within 3 minutes.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>src/Kefu.Web's build output of the same configuration as the caller's.</summary>
    private static string LocateWebDll()
    {
        var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var configuration = output.Parent!.Name;
        var root = output;
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Kefu.slnx")))
        {
            root = root.Parent;
        }

        var dll = Path.Combine(root?.FullName ?? throw new InvalidOperationException("Kefu.slnx not found above " + AppContext.BaseDirectory),
            "src", "Kefu.Web", "bin", configuration, "net10.0", "Kefu.Web.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException("Build src/Kefu.Web first.", dll);
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
