namespace Kefu.Web.Platform.Seeding;

/// <summary>A module's demo data, seeded with <c>--demo</c> after the demo organisation and customers; idempotent.</summary>
public interface IDemoDataSeeder
{
    Task SeedAsync(CancellationToken ct = default);
}
