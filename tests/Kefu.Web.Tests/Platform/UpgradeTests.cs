using System.Diagnostics;
using Kefu.Web.Data;
using Kefu.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Kefu.Web.Tests.Platform;

/// <summary>
/// PLT-05 (nothing lost): a database made by an earlier release, with data in every table, is
/// upgraded in place. The fixtures under Fixtures/upgrade are such databases; this class also
/// proves the filler that made them reaches every table, and writes a new fixture when
/// <c>KEFU_WRITE_UPGRADE_FIXTURE</c> names a folder (see the ADR on migrations).
/// </summary>
public abstract class UpgradeTests(KefuFactory app)
{
    [ProviderFact]
    public async Task Filler_puts_a_row_in_every_table_of_the_model()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KefuDbContext>();

        var filled = await EveryTable.FillAsync(db);

        var sqlite = app.Kind == DatabaseKind.Sqlite;
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        var contents = await EveryTable.ContentsAsync(connection, sqlite, name => !DatabaseSchema.IsForeignTable(name));
        await db.Database.CloseConnectionAsync();
        Assert.True(filled > 30, $"Only {filled} tables were filled.");
        Assert.Equal(filled, contents.Count);
        Assert.All(contents, table => Assert.True(table.Value.Count > 0, $"{table.Key} is empty."));

        if (Environment.GetEnvironmentVariable("KEFU_WRITE_UPGRADE_FIXTURE") is { Length: > 0 } folder)
        {
            Directory.CreateDirectory(folder);
            if (sqlite)
            {
                var file = Path.Combine(Path.GetFullPath(folder), "kefu.db");
                File.Delete(file);
                var vacuum = "VACUUM INTO '" + file.Replace("'", "''", StringComparison.Ordinal) + "'";
                await db.Database.ExecuteSqlRawAsync(vacuum);
            }
            else
            {
                var cs = new Npgsql.NpgsqlConnectionStringBuilder(app.ConnectionString);
                var pgDump = Directory.GetDirectories("/usr/lib/postgresql").Order().Last() + "/bin/pg_dump";
                var start = new ProcessStartInfo(pgDump) { UseShellExecute = false, RedirectStandardError = true };
                foreach (var argument in new[] { "--host", cs.Host!, "--port", cs.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--username", cs.Username!,
                             "--no-owner", "--no-privileges", "--inserts", "--column-inserts", "--file", Path.Combine(folder, "kefu-postgres.sql"), "--dbname", cs.Database! })
                {
                    start.ArgumentList.Add(argument);
                }

                using var process = Process.Start(start)!;
                var error = await process.StandardError.ReadToEndAsync();
                await process.WaitForExitAsync();
                Assert.True(process.ExitCode == 0, error);
            }
        }
    }
}

public sealed class UpgradeTestsOnSqlite(SqliteApp app) : UpgradeTests(app), IClassFixture<SqliteApp>;

public sealed class UpgradeTestsOnPostgres(PostgresApp app) : UpgradeTests(app), IClassFixture<PostgresApp>;
