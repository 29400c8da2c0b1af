using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Kefu.Web.Tests.Platform.Clock;

/// <summary>
/// A real SMTP server for tests: Debian's python3-aiosmtpd writing each mail into a Maildir.
/// Only /usr/bin/python3 sees Debian's module (ARCHITECTURE.md).
/// </summary>
public sealed class SmtpSink : IAsyncDisposable
{
    private Process? _process;

    private SmtpSink(int port, string maildir)
    {
        Port = port;
        Maildir = maildir;
    }

    public int Port { get; }
    public string Maildir { get; }

    public static bool Available => File.Exists("/usr/bin/python3") && RunQuiet("/usr/bin/python3", "-c \"import aiosmtpd\"") == 0;

    public static string? SkipReason => Available ? null : "python3-aiosmtpd is not installed (scripts/test.sh installs it).";

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>A sink that is not running yet (for "the server is down").</summary>
    public static SmtpSink Stopped() => new(FreePort(), Path.Combine(Path.GetTempPath(), "kefu-mail-" + Guid.NewGuid().ToString("N")));

    public static async Task<SmtpSink> StartAsync()
    {
        var sink = Stopped();
        await sink.StartListeningAsync();
        return sink;
    }

    public async Task StartListeningAsync()
    {
        // aiosmtpd's Mailbox makes the Maildir (cur, new, tmp) itself; an empty folder made here would break it.
        _process = Process.Start(new ProcessStartInfo("/usr/bin/python3",
            $"-m aiosmtpd -n -l 127.0.0.1:{Port} -c aiosmtpd.handlers.Mailbox {Maildir}")
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        }) ?? throw new InvalidOperationException("Could not start aiosmtpd.");
        var until = DateTime.UtcNow.AddSeconds(15);
        while (DateTime.UtcNow < until)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(100);
            }
        }

        throw new InvalidOperationException("aiosmtpd did not start listening.");
    }

    /// <summary>The raw messages delivered so far.</summary>
    public IReadOnlyList<string> Messages()
    {
        var dir = Path.Combine(Maildir, "new");
        return Directory.Exists(dir) ? Directory.GetFiles(dir).Select(File.ReadAllText).ToArray() : [];
    }

    public async Task<IReadOnlyList<string>> WaitForMessagesAsync(int count, TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < until)
        {
            var messages = Messages();
            if (messages.Count >= count)
            {
                return messages;
            }

            await Task.Delay(100);
        }

        return Messages();
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process?.Dispose();
        if (Directory.Exists(Maildir))
        {
            Directory.Delete(Maildir, recursive: true);
        }
    }

    private static int RunQuiet(string file, string args)
    {
        try
        {
            using var p = Process.Start(new ProcessStartInfo(file, args) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false });
            p!.WaitForExit(10_000);
            return p.ExitCode;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return -1;
        }
    }
}

/// <summary>A test that needs the SMTP sink; skipped, saying why, when aiosmtpd is missing.</summary>
public sealed class SmtpFactAttribute : FactAttribute
{
    public SmtpFactAttribute() => Skip = SmtpSink.SkipReason;
}
