using Microsoft.Data.Sqlite;

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
            output.WriteLine("For PostgreSQL use pg_dump and pg_restore (see README.md, \"Backup\"):");
            output.WriteLine("  pg_dump --format=custom --file=kefu.dump \"$DATABASE_URL\"");
            output.WriteLine("  pg_restore --clean --if-exists --dbname=\"$DATABASE_URL\" kefu.dump");
            return 2;
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
