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

    public async Task SaveAsync<T>(string key, T value, string? by, CancellationToken ct = default)
    {
        var json = JsonSerializer.Serialize(value, Json);
        var row = await db.PolicySettings.SingleOrDefaultAsync(p => p.Key == key, ct);
        if (row is null)
        {
            db.PolicySettings.Add(new PolicySetting { Key = key, Json = json, UpdatedAt = clock.GetUtcNow().UtcDateTime, UpdatedBy = by });
        }
        else
        {
            row.Json = json;
            row.UpdatedAt = clock.GetUtcNow().UtcDateTime;
            row.UpdatedBy = by;
        }

        await db.SaveChangesAsync(ct);
    }
}
