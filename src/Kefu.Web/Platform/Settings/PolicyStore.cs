using System.Text.Json;
using Kefu.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Kefu.Web.Platform.Settings;

/// <summary>
/// Module policies (the numbers of REQUIREMENTS.md) and platform settings, as JSON under a key.
/// A key never saved gives the record's defaults, which carry the seeds' values.
/// </summary>
public sealed class PolicyStore(KefuDbContext db, TimeProvider clock)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<T> GetAsync<T>(string key, CancellationToken ct = default) where T : new()
    {
        var json = await db.PolicySettings.AsNoTracking().Where(p => p.Key == key).Select(p => p.Json).SingleOrDefaultAsync(ct);
        return json is null ? new T() : JsonSerializer.Deserialize<T>(json, Json) ?? new T();
    }

    /// <summary>
    /// Saves the document under <paramref name="key"/>. The first save of a key inserts its row, and
    /// two first saves at once race for that insert: the one that loses (a unique violation, never
    /// a 500) is retried once as an update of the row the other one created. Two edits of an
    /// existing row at once are a genuine conflict, caught by the row's concurrency token:
    /// <see cref="DbUpdateConcurrencyException"/>, which the API answers with 409.
    /// </summary>
    public async Task SaveAsync<T>(string key, T value, string? by, CancellationToken ct = default)
    {
        var json = JsonSerializer.Serialize(value, Json);
        for (var attempt = 0; ; attempt++)
        {
            var row = await db.PolicySettings.SingleOrDefaultAsync(p => p.Key == key, ct);
            if (row is null)
            {
                row = new PolicySetting { Key = key, Json = json, UpdatedAt = clock.GetUtcNow().UtcDateTime, UpdatedBy = by };
                db.PolicySettings.Add(row);
            }
            else
            {
                row.Json = json;
                row.UpdatedAt = clock.GetUtcNow().UtcDateTime;
                row.UpdatedBy = by;
            }

            try
            {
                await db.SaveChangesAsync(ct);
                return;
            }
            catch (DbUpdateException e) when (attempt == 0 && e is not DbUpdateConcurrencyException && DbErrors.IsUniqueViolation(e))
            {
                // Another first save of this key inserted it meanwhile: this one becomes an update.
                db.Entry(row).State = EntityState.Detached;
            }
        }
    }
}
