using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Kefu.Web.Data;

/// <summary>
/// Kefu's data. One model, two providers: <see cref="SqliteKefuDbContext"/> and
/// <see cref="PostgresKefuDbContext"/> each own their migrations (Data/Migrations/Sqlite and
/// Data/Migrations/Postgres, ADR 0011); services ask for <see cref="KefuDbContext"/>.
/// </summary>
public abstract class KefuDbContext(DbContextOptions options, IAuditContext? auditContext = null, TimeProvider? clock = null, IInboxObserver? inboxObserver = null)
    : IdentityDbContext<KefuUser, IdentityRole, string>(options)
{
    private readonly AuditTrail _audit = new(auditContext ?? IAuditContext.System, clock ?? TimeProvider.System);

    public DbSet<OrgUnit> OrgUnits => Set<OrgUnit>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<ApiToken> ApiTokens => Set<ApiToken>();
    public DbSet<PolicySetting> PolicySettings => Set<PolicySetting>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<SignInFailure> SignInFailures => Set<SignInFailure>();

    /// <summary>Instants are stored as UTC; SQLite forgets the kind, so it is put back on read.</summary>
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<UtcDateTimeConverter>();
    }

    private sealed class UtcDateTimeConverter() : Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter<DateTime, DateTime>(
        v => v.Kind == DateTimeKind.Utc ? v : DateTime.SpecifyKind(v.ToUniversalTime(), DateTimeKind.Utc),
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc));

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(KefuDbContext).Assembly);
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        SaveChangesAsync(acceptAllChangesOnSuccess).GetAwaiter().GetResult();

    /// <summary>
    /// Every save writes its audit lines (PLT-03) in the same transaction, and bumps the
    /// concurrency version of the records it changes.
    /// </summary>
    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        StoredLengths.Check(ChangeTracker);
        var pending = AuditTrail.Collect(ChangeTracker);
        var addressed = inboxObserver is null ? [] : ChangeTracker.Entries<IUserAddressed>()
            .Where(e => e.State == EntityState.Added).Select(e => e.Entity.UserId).Distinct().ToArray();
        if (pending.Count == 0)
        {
            var saved = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
            Tell(addressed);
            return saved;
        }

        var ownTransaction = Database.CurrentTransaction is null
            ? await Database.BeginTransactionAsync(cancellationToken)
            : null;
        try
        {
            var result = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
            AuditEntries.AddRange(_audit.Complete(pending));
            await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
            if (ownTransaction is not null)
            {
                await ownTransaction.CommitAsync(cancellationToken);
            }

            Tell(addressed);
            return result;
        }
        finally
        {
            if (ownTransaction is not null)
            {
                await ownTransaction.DisposeAsync();
            }
        }
    }

    private void Tell(string[] userIds)
    {
        if (userIds.Length > 0)
        {
            inboxObserver?.Added(userIds);
        }
    }

    /// <summary>Adds audit lines for things that are not row changes (sign-in, approvals…).</summary>
    public void AddAuditEvent(string action, string entityType, string? entityId, string? details = null) =>
        AuditEntries.Add(_audit.Event(action, entityType, entityId, details));

    /// <summary>A sign-in event: the request has no signed-in user yet, so the person is named here.</summary>
    public void AddSignInEvent(string action, KefuUser? user, string channel)
    {
        var entry = _audit.Event(action, "User", user?.Id, System.Text.Json.JsonSerializer.Serialize(new { channel }));
        entry.UserId ??= user?.Id;
        entry.UserName = user?.UserName ?? entry.UserName;
        AuditEntries.Add(entry);
    }
}

/// <summary>Kefu's data on SQLite (the default, one node).</summary>
public sealed class SqliteKefuDbContext : KefuDbContext
{
    public SqliteKefuDbContext(DbContextOptions<SqliteKefuDbContext> options, IAuditContext? auditContext = null, TimeProvider? clock = null, IInboxObserver? inboxObserver = null)
        : base(options, auditContext, clock, inboxObserver)
    {
        // Every save is a BEGIN IMMEDIATE transaction, so it waits in SqliteWriteGate's line instead of meeting SQLITE_BUSY.
        Database.AutoTransactionBehavior = AutoTransactionBehavior.Always;
    }

    // After the connection is back (a transaction still open is rolled back with it), the line moves on.
    public override void Dispose()
    {
        base.Dispose();
        Platform.Database.SqliteWriteGate.ReleaseFor(this);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Platform.Database.SqliteWriteGate.ReleaseFor(this);
    }
}

/// <summary>Kefu's data on PostgreSQL (production, several nodes).</summary>
public sealed class PostgresKefuDbContext(DbContextOptions<PostgresKefuDbContext> options, IAuditContext? auditContext = null, TimeProvider? clock = null, IInboxObserver? inboxObserver = null)
    : KefuDbContext(options, auditContext, clock, inboxObserver);
