using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Kefu.Web.Tests.Platform.Clock;

/// <summary>
/// A real SMTP server for tests: Debian's python3-aiosmtpd writing each mail into a Maildir.
/// Only /usr/bin/python3 sees Debian's module (ARCHITECTURE.md).
/// </summary>
public sealed class SmtpSink : IAsyncDisposable
{
    private readonly SmtpSinkOptions? _options;
    private Process? _process;

    private SmtpSink(int port, string maildir, SmtpSinkOptions? options = null)
    {
        Port = port;
        Maildir = maildir;
        _options = options;
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

    /// <summary>
    /// A sink with TLS, authentication or refusals (smtp_sink.py beside this file). Each message
    /// it stores carries <c>X-Sink-Tls: yes|no</c>, <c>X-Sink-Auth: user</c> and
    /// <c>X-Sink-Client-Port</c> (one port per SMTP connection).
    /// </summary>
    public static async Task<SmtpSink> StartAsync(SmtpSinkOptions options)
    {
        var sink = new SmtpSink(FreePort(), Path.Combine(Path.GetTempPath(), "kefu-mail-" + Guid.NewGuid().ToString("N")), options);
        await sink.StartListeningAsync();
        return sink;
    }

    /// <summary>Folder of the certificate and key a TLS sink serves (made fresh by the test, self-signed).</summary>
    private string CertificateDirectory => Maildir + "-tls";

    public async Task StartListeningAsync()
    {
        // aiosmtpd's Mailbox makes the Maildir (cur, new, tmp) itself; an empty folder made here would break it.
        var start = new ProcessStartInfo("/usr/bin/python3")
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        if (_options is null)
        {
            foreach (var arg in (string[])["-m", "aiosmtpd", "-n", "-l", $"127.0.0.1:{Port}", "-c", "aiosmtpd.handlers.Mailbox", Maildir])
            {
                start.ArgumentList.Add(arg);
            }
        }
        else
        {
            foreach (var arg in ScriptArguments(_options))
            {
                start.ArgumentList.Add(arg);
            }
        }

        _process = Process.Start(start) ?? throw new InvalidOperationException("Could not start aiosmtpd.");
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

    private List<string> ScriptArguments(SmtpSinkOptions options)
    {
        var args = new List<string> { Path.Combine(AppContext.BaseDirectory, "Platform", "Clock", "smtp_sink.py"), "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--maildir", Maildir };
        if (options.StartTls || options.RequireStartTls || options.ImplicitTls)
        {
            var (cert, key) = WriteSelfSignedCertificate(CertificateDirectory);
            args.AddRange(["--cert", cert, "--key", key]);
        }

        if (options.StartTls)
        {
            args.Add("--starttls");
        }

        if (options.RequireStartTls)
        {
            args.Add("--require-starttls");
        }

        if (options.ImplicitTls)
        {
            args.Add("--implicit-tls");
        }

        if (options.UserName is not null)
        {
            args.AddRange(["--user", options.UserName, "--password", options.Password ?? ""]);
        }

        if (options.RefuseRecipientsContaining is not null)
        {
            args.AddRange(["--refuse", options.RefuseRecipientsContaining]);
        }

        if (options.DropAfterEachMessage)
        {
            args.Add("--drop-after-each");
        }

        return args;
    }

    /// <summary>A self-signed certificate for 127.0.0.1, valid for a day, as PEM files aiosmtpd reads.</summary>
    private static (string Cert, string Key) WriteSelfSignedCertificate(string directory)
    {
        Directory.CreateDirectory(directory);
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddDays(1));
        var cert = Path.Combine(directory, "cert.pem");
        var key = Path.Combine(directory, "key.pem");
        File.WriteAllText(cert, certificate.ExportCertificatePem());
        File.WriteAllText(key, rsa.ExportPkcs8PrivateKeyPem());
        return (cert, key);
    }

    /// <summary>A header of a stored message (the sink's own X-Sink-* headers among them).</summary>
    public static string? Header(string rawMessage, string name)
    {
        var headers = rawMessage.Split("\n\n", 2)[0];
        var line = headers.Split('\n').FirstOrDefault(l => l.StartsWith(name + ":", StringComparison.OrdinalIgnoreCase));
        return line?[(name.Length + 1)..].Trim();
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
        foreach (var dir in (string[])[Maildir, CertificateDirectory])
        {
            if (Directory.Exists(dir))
            {
                Directory.Delete(dir, recursive: true);
            }
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

/// <summary>What a scripted sink does beyond storing mail.</summary>
public sealed record SmtpSinkOptions
{
    /// <summary>Offer STARTTLS with a self-signed certificate made for the test.</summary>
    public bool StartTls { get; init; }

    /// <summary>Refuse MAIL before STARTTLS (530), as a server that requires TLS does.</summary>
    public bool RequireStartTls { get; init; }

    /// <summary>TLS from the first byte (the port-465 style).</summary>
    public bool ImplicitTls { get; init; }

    /// <summary>Require AUTH with these credentials; aiosmtpd offers AUTH only over TLS.</summary>
    public string? UserName { get; init; }

    public string? Password { get; init; }

    /// <summary>Answer 550 to recipients whose address contains this text.</summary>
    public string? RefuseRecipientsContaining { get; init; }

    /// <summary>Hang up after each message, as a server limiting messages per connection does.</summary>
    public bool DropAfterEachMessage { get; init; }
}

/// <summary>A test that needs the SMTP sink; skipped, saying why, when aiosmtpd is missing.</summary>
public sealed class SmtpFactAttribute : FactAttribute
{
    public SmtpFactAttribute() => Skip = SmtpSink.SkipReason;
}
