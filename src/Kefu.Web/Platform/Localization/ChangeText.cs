using System.Globalization;
using System.Text.Json;
using Kefu.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Kefu.Web.Platform.Localization;

/// <summary>One changed field as people read it: "状态：草稿 → 审批中".</summary>
public sealed record ChangeLine(string Field, string Old, string New)
{
    public override string ToString() => $"{Field}：{Old} → {New}";
}

/// <summary>
/// The audit log's changes (PLT-03), stored as JSON <c>{"Property": [old, new]}</c>, in words: the
/// field's label in the reader's language, enum values by their labels, money as ¥, instants in
/// company time, people by their names, nothing for bookkeeping columns (keys, paths, search keys).
/// </summary>
public sealed class ChangeText(KefuDbContext db)
{
    /// <summary>Columns that mean nothing to a reader; the record and the time are shown beside the change.</summary>
    private static readonly HashSet<string> Bookkeeping = new(StringComparer.Ordinal)
    {
        "Id", "OrgPath", "Path", "CentreId", "NameKey", "PhoneKey", "NormalizedUserName", "NormalizedEmail", "NormalizedName",
        "CreatedAt", "ConcurrencyStamp", "SecurityStamp", "Version", "LockoutEnd", "AccessFailedCount",
        "TaxIdKey", "NetworkKey", "Nonce", "Seed", "RequestKey", "OptionOrderJson",
    };

    private Dictionary<string, IEntityType>? _types;

    /// <summary>Whether a change of <paramref name="property"/> is shown at all (bookkeeping columns are not).</summary>
    public static bool IsShown(string property) => !Bookkeeping.Contains(property);

    /// <summary>The changes of each entry, people named: <paramref name="entries"/> are (entity type, changes JSON).</summary>
    public async Task<IReadOnlyList<IReadOnlyList<ChangeLine>>> DescribeAsync(IReadOnlyList<(string EntityType, string? Changes)> entries, CancellationToken ct)
    {
        var parsed = entries.Select(e => Parse(e.Changes)).ToList();
        var userIds = parsed.SelectMany(p => p).Where(c => IsPersonField(c.Property)).SelectMany(c => new[] { c.Old, c.New })
            .Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!).Distinct(StringComparer.Ordinal).ToArray();
        var names = userIds.Length == 0 ? new Dictionary<string, string>(StringComparer.Ordinal)
            : await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, StringComparer.Ordinal, ct);
        return entries.Select((e, i) => (IReadOnlyList<ChangeLine>)parsed[i]
            .Where(c => !Bookkeeping.Contains(c.Property))
            .Select(c => Line(e.EntityType, c, names)).ToList()).ToList();
    }

    private sealed record Change(string Property, JsonElement Old, JsonElement New);

    private static List<Change> Parse(string? json)
    {
        if (string.IsNullOrWhiteSpace(json) || json[0] != '{')
        {
            return [];
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.EnumerateObject()
                .Where(p => p.Value is { ValueKind: JsonValueKind.Array } a && a.GetArrayLength() == 2)
                .Select(p => new Change(p.Name, p.Value[0].Clone(), p.Value[1].Clone()))
                .ToList();
        }
        catch (JsonException)
        {
            return [];
        }
    }

    private ChangeLine Line(string entityType, Change change, Dictionary<string, string> names)
    {
        var property = Property(entityType, change.Property);
        var money = change.Property.EndsWith("Fen", StringComparison.Ordinal);
        return new ChangeLine(Label(entityType, change.Property), Value(change.Old, property, money, names, change.Property), Value(change.New, property, money, names, change.Property));
    }

    /// <summary>Field.{Entity}.{Property}, else Field.{property} (the API's name), else the property's name.</summary>
    public static string Label(string entityType, string property)
    {
        var bare = property.EndsWith("Fen", StringComparison.Ordinal) ? property[..^3] : property;
        foreach (var key in new[] { $"Field.{entityType}.{bare}", $"Field.{char.ToLowerInvariant(bare[0])}{bare[1..]}" })
        {
            var text = Text.Get(key);
            if (text != key)
            {
                return text;
            }
        }

        return bare;
    }

    private static bool IsPersonField(string property) =>
        property is "UserId" or "OwnerId" or "ClaimantId" or "ApproverId" or "CurrentApproverId" or "CreatedBy" or "AssignedTo" or "DeputyId" or "DelegateId" or "SpecialistId" or "ManagerId"
            or "ActorId" or "PersonId" or "TraineeId" or "AssigneeId" or "AuthorId" or "SalespersonId" or "CoordinatorId" or "TechnicianId" or "SubmitterId" or "DelegatorId"
            or "UpdatedBy" or "UploadedBy" or "ArrangedBy" or "ReceivedBy" or "DisputeDecidedBy" or "OnBehalfOf" or "TrainerId" or "LeadId"
        || property.EndsWith("UserId", StringComparison.Ordinal) || property.EndsWith("ById", StringComparison.Ordinal);

    private IProperty? Property(string entityType, string property)
    {
        _types ??= db.Model.GetEntityTypes().GroupBy(t => t.ClrType.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        return _types.TryGetValue(entityType, out var type) ? type.FindProperty(property) : null;
    }

    private static string Value(JsonElement value, IProperty? property, bool money, Dictionary<string, string> names, string propertyName)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Null or JsonValueKind.Undefined:
                return Shown.Nothing;
            case JsonValueKind.True:
                return Text.Get("Common.Yes");
            case JsonValueKind.False:
                return Text.Get("Common.No");
            case JsonValueKind.Number when money && value.TryGetInt64(out var fen):
                return new Kefu.Core.Money.Money(fen).ToString();
            case JsonValueKind.Array or JsonValueKind.Object:
                return Text.Get("Audit.Several");
        }

        var text = value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();
        if (text == "***")
        {
            return Text.Get("Audit.Secret");
        }

        if (IsPersonField(propertyName) && names.TryGetValue(text, out var name))
        {
            return name;
        }

        var clr = property is null ? null : Nullable.GetUnderlyingType(property.ClrType) ?? property.ClrType;
        if (clr is { IsEnum: true })
        {
            var member = long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number)
                ? Enum.GetName(clr, Enum.ToObject(clr, number))
                : text;
            // Pages name an enum's labels by its type ("ClaimStatus.Draft") or by the property ("Settlement.Monthly").
            foreach (var key in new[] { $"{clr.Name}.{member}", $"{propertyName}.{member}" })
            {
                var label = Text.Get(key);
                if (label != key)
                {
                    return label;
                }
            }

            return member ?? text;
        }

        if ((clr == typeof(DateTime) || clr is null) && value.ValueKind == JsonValueKind.String
            && DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var instant) && text.Contains('T', StringComparison.Ordinal))
        {
            return CompanyTime.Format(instant);
        }

        return string.IsNullOrWhiteSpace(text) ? Shown.Nothing : text;
    }
}
