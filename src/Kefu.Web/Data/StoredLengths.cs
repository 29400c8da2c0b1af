using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace Kefu.Web.Data;

/// <summary>
/// A text longer than its column is refused before anything is written, on every provider:
/// PostgreSQL would fail the whole save with a truncation error, SQLite would store it silently.
/// Use cases check the lengths people meet on forms; this is the net under all of them.
/// </summary>
public sealed class FieldTooLongException(string entity, string field, int maxLength)
    : InvalidOperationException($"{entity}.{field} is longer than {maxLength} characters.")
{
    public string Entity { get; } = entity;

    /// <summary>The property's name as the API spells it (camelCase).</summary>
    public string Field { get; } = field;

    public int MaxLength { get; } = maxLength;
}

internal static class StoredLengths
{
    public static void Check(ChangeTracker tracker)
    {
        foreach (var entry in tracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified))
            {
                continue;
            }

            foreach (var property in entry.Properties)
            {
                if (property.Metadata.ClrType != typeof(string) || property.Metadata.GetMaxLength() is not { } max
                    || (entry.State == EntityState.Modified && !property.IsModified)
                    || property.CurrentValue is not string text || text.Length <= max)
                {
                    continue;
                }

                var name = property.Metadata.Name;
                throw new FieldTooLongException(entry.Metadata.ClrType.Name, char.ToLowerInvariant(name[0]) + name[1..], max);
            }
        }
    }
}
