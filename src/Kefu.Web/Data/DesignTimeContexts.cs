using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Kefu.Web.Data;

/// <summary>
/// How <c>dotnet ef</c> makes Kefu's contexts without starting the web host (ADR 0011). Adding a
/// migration needs the provider, not a database: nothing here is opened.
/// </summary>
public sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteKefuDbContext>
{
    public SqliteKefuDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteKefuDbContext>().UseSqlite("Data Source=kefu-design-time.db").Options);
}

/// <summary>The PostgreSQL counterpart of <see cref="SqliteDesignTimeFactory"/>.</summary>
public sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresKefuDbContext>
{
    public PostgresKefuDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresKefuDbContext>().UseNpgsql("Host=localhost;Database=kefu_design_time").Options);
}
