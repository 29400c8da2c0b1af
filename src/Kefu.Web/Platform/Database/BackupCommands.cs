using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Kefu.Web.Platform.Database;

/// <summary>
/// PLT-06: <c>dotnet Kefu.Web.dll backup FILE</c> and <c>restore FILE</c>. SQLite uses its online
/// backup API, so a running Kefu can be backed up; PostgreSQL is backed up with pg_dump/pg_restore.
/// </summary>
public static class BackupCommands
{
    public static bool IsCommand(string[] args) => args.Length > 0 && args[0] is "backup" or "restore";

    public static int Run(string[] args, IConfiguration configuration, TextWriter output)
    {
        if (args.Length < 2)
        {
            output.WriteLine($"Usage: Kefu.Web {args[0]} <file>");
            return 2;
        }

        var settings = DatabaseSettings.From(configuration);
        if (settings.Provider == DatabaseProvider.Postgres)
        {
            return PostgresDump.Run(args[0], Path.GetFullPath(args[1]), settings.ConnectionString, configuration["Kefu:PostgresBin"], output);
        }

        var file = Path.GetFullPath(args[1]);
        if (args[0] == "backup")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            if (File.Exists(file))
            {
                File.Delete(file);
            }

            Copy(settings.ConnectionString, new SqliteConnectionStringBuilder { DataSource = file }.ToString());
            output.WriteLine($"Backed up to {file}");
            return 0;
        }

        if (!File.Exists(file))
        {
            output.WriteLine($"No such file: {file}");
            return 1;
        }

        var target = new SqliteConnectionStringBuilder(settings.ConnectionString).DataSource;
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(target))!);
        Copy(new SqliteConnectionStringBuilder { DataSource = file, Mode = SqliteOpenMode.ReadOnly }.ToString(), settings.ConnectionString);
        output.WriteLine($"Restored {file} into {target}");
        return 0;
    }

    private static void Copy(string from, string to)
    {
        using var source = new SqliteConnection(from);
        using var destination = new SqliteConnection(to);
        source.Open();
        destination.Open();
        source.BackupDatabase(destination);
        SqliteConnection.ClearPool(destination);
    }
}

/// <summary>
/// PLT-06 on PostgreSQL: <c>pg_dump --format=custom</c> and <c>pg_restore --clean --if-exists</c>
/// of the newest client installed (a dump needs a pg_dump at least as new as the server), or of
/// the folder named by <c>Kefu:PostgresBin</c>. The password goes through PGPASSWORD, never the
/// command line.
/// </summary>
internal static class PostgresDump
{
    public static int Run(string verb, string file, string connectionString, string? binFolder, TextWriter output)
    {
        var tool = verb == "backup" ? "pg_dump" : "pg_restore";
        var executable = Find(tool, binFolder);
        if (executable is null)
        {
            output.WriteLine($"{tool} was not found; install the PostgreSQL client or set Kefu:PostgresBin.");
            return 1;
        }

        if (verb == "restore" && !File.Exists(file))
        {
            output.WriteLine($"No such file: {file}");
            return 1;
        }

        var cs = new NpgsqlConnectionStringBuilder(connectionString);
        var start = new ProcessStartInfo(executable) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in new[] { "--host", cs.Host ?? "localhost", "--port", cs.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--username", cs.Username ?? "postgres", "--no-owner", "--no-privileges" })
        {
            start.ArgumentList.Add(argument);
        }

        if (verb == "backup")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            foreach (var argument in new[] { "--format=custom", "--file", file, "--dbname", cs.Database ?? "postgres" })
            {
                start.ArgumentList.Add(argument);
            }
        }
        else
        {
            foreach (var argument in new[] { "--clean", "--if-exists", "--single-transaction", "--exit-on-error", "--dbname", cs.Database ?? "postgres", file })
            {
                start.ArgumentList.Add(argument);
            }
        }

        if (!string.IsNullOrEmpty(cs.Password))
        {
            start.Environment["PGPASSWORD"] = cs.Password;
        }

        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        _ = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            output.WriteLine($"{tool} failed ({process.ExitCode}): {error.Result.Trim()}");
            return 1;
        }

        output.WriteLine(verb == "backup" ? $"Backed up to {file}" : $"Restored {file} into {cs.Database}");
        return 0;
    }

    private static string? Find(string tool, string? binFolder)
    {
        if (!string.IsNullOrWhiteSpace(binFolder))
        {
            var named = Path.Combine(binFolder, tool);
            return File.Exists(named) ? named : null;
        }

        // Debian keeps each major version's clients in /usr/lib/postgresql/<major>/bin: take the newest.
        var installed = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql")
                .Select(d => (Major: int.TryParse(Path.GetFileName(d), out var m) ? m : -1, Path: Path.Combine(d, "bin", tool)))
                .Where(x => x.Major >= 0 && File.Exists(x.Path)).OrderByDescending(x => x.Major).Select(x => x.Path).FirstOrDefault()
            : null;
        return installed ?? (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Select(d => Path.Combine(d, tool)).FirstOrDefault(File.Exists);
    }
}
