using Kefu.Web.Data;
using Kefu.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Kefu.Web.Tests.Platform;

/// <summary>
/// The migrations (one set per provider, made by <c>dotnet ef migrations add</c>, ADR 0011) are what creates the schema;
/// this is their guard: an empty database migrated at start must have exactly
/// the schema the EF model describes, on SQLite and on PostgreSQL (SQLite hides lengths).
/// </summary>
public abstract class MigrationTests(KefuFactory app)
{
    [ProviderFact]
    public async Task Migrate_EmptyDatabase_SchemaMatchesTheModel()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KefuDbContext>();

        var expected = DatabaseSchema.FromModel(db);
        var actual = await DatabaseSchema.FromDatabaseAsync(db);

        Assert.True(expected.Lines.Count > 50, "The model schema looks empty:\n" + expected);
        var difference = expected.Difference(actual);
        Assert.True(difference.Length == 0, difference);
    }

    [ProviderFact]
    public async Task The_model_has_no_change_that_a_migration_does_not_cover()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KefuDbContext>();

        // Compares the model with the provider's snapshot: a changed entity needs `dotnet ef migrations add` for both providers.
        Assert.False(db.Database.HasPendingModelChanges(), "The model changed without a migration: see ADR 0011 for the commands.");
    }

    [ProviderFact]
    public async Task Migrate_AfterStart_NoMigrationIsPending()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KefuDbContext>();

        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync());
        Assert.NotEmpty(db.Database.GetMigrations());
    }

    [ProviderFact]
    public async Task Migrate_Twice_IsHarmlessAndKeepsData()
    {
        int users;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<KefuDbContext>();
            users = await db.Users.CountAsync();
            await db.Database.MigrateAsync();
        }

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<KefuDbContext>();
            Assert.Empty(await db.Database.GetPendingMigrationsAsync());
            Assert.Equal(users, await db.Users.CountAsync());
            var difference = DatabaseSchema.FromModel(db).Difference(await DatabaseSchema.FromDatabaseAsync(db));
            Assert.True(difference.Length == 0, difference);
        }
    }

    [ProviderFact]
    public async Task SchemaComparison_DatabaseThatDriftedFromTheModel_ReportsEachDifference()
    {
        // A database of its own (not the app's), migrated, then changed behind EF's back.
        await using var database = await TestDatabase.CreateAsync(app.Kind);
        await using var db = database.OpenContext(app.Services);
        await db.Database.MigrateAsync();
        await db.Database.ExecuteSqlRawAsync("""ALTER TABLE "Customers" ADD COLUMN "Extra" integer NULL""");
        await db.Database.ExecuteSqlRawAsync("""DROP INDEX "IX_Customers_OwnerId" """);

        var difference = DatabaseSchema.FromModel(db).Difference(await DatabaseSchema.FromDatabaseAsync(db));

        Assert.Contains("only in model:  index Customers.IX_Customers_OwnerId (OwnerId)", difference, StringComparison.Ordinal);
        Assert.Contains("only in database: column Customers.Extra ", difference, StringComparison.Ordinal);
        Assert.StartsWith("Schema differs: 1 line(s) only in the model, 1 only in the database.", difference, StringComparison.Ordinal);
    }

    [ProviderFact]
    public async Task Seed_AtStart_CreatesRolesAdminAndDemoOrganisation()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KefuDbContext>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<KefuUser>>();

        Assert.Equal(Enum.GetValues<Kefu.Core.Organization.Role>().Length, await db.Roles.CountAsync());
        Assert.NotNull(await users.FindByNameAsync("admin"));
        foreach (var name in Kefu.Web.Platform.Seeding.Seeder.DemoUserNames)
        {
            Assert.NotNull(await users.FindByNameAsync(name));
        }

        Assert.Equal(9, await db.Set<Kefu.Web.Modules.Customers.Customer>().CountAsync());
        Assert.All(await db.OrgUnits.ToListAsync(), u => Assert.EndsWith($"/{u.Id}/", u.Path, StringComparison.Ordinal));
    }
}

public sealed class MigrationTestsOnSqlite(SqliteApp app) : MigrationTests(app), IClassFixture<SqliteApp>;

public sealed class MigrationTestsOnPostgres(PostgresApp app) : MigrationTests(app), IClassFixture<PostgresApp>;
