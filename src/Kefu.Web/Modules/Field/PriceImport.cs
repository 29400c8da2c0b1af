using System.Globalization;
using Kefu.Core.Field;
using Kefu.Core.Money;
using Kefu.Web.Data;
using Kefu.Web.Platform.Export;
using Kefu.Web.Platform.Import;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Kefu.Web.Modules.Field;

/// <summary>
/// PLT-05 / CHG-02: the service price list (服务收费标准) in Excel. The sheet is keyed by code: a new
/// code adds a line, a known code changes that line (the price list is kept as a whole: export it,
/// change prices, import it back). Each row is checked as the price form checks a line
/// (<see cref="FieldModule.ValidatePrice"/>) and against the rows above it; the valid rows are saved
/// together in one transaction and the bad ones reported by row and column.
/// </summary>
public sealed class PriceImport(KefuDbContext db, IOptionsSnapshot<SpreadsheetLimits> limits)
{
    public static readonly SheetLayout Layout = new("服务收费标准", "Price list",
        new("code", "编号", "Code", Required: true), new("name", "名称", "Name"), new("nameEn", "英文名称", "English name"),
        new("kind", "类别", "Kind"), new("forType", "适用工单类型", "For job type"), new("priceYuan", "价格（元）", "Price (CNY)"),
        new("active", "状态", "Status"));

    public static byte[] Template() => Layout.Template(
        Example("EX-S01", "上门安装费（示例）", "Installation visit (example)", PriceItemKind.Service, JobKind.Install, 120m, true),
        Example("EX-P01", "滤网（示例）", "Filter (example)", PriceItemKind.Part, null, 35.5m, true));

    /// <summary>Price lines in the import's columns, in the reader's language; an import reads the sheet back unchanged.</summary>
    public static byte[] Write(IEnumerable<PriceItem> items) =>
        Layout.Template([.. items.Select(p => Values(p.Code, p.Name, p.NameEn, p.Kind, p.ForType, new Money(p.PriceFen).Yuan, p.Active))]);

    public static async Task<FileContentHttpResult> ExportAsync(KefuDbContext db, CancellationToken ct) =>
        TypedResults.File(Write(await db.Set<PriceItem>().AsNoTracking().OrderBy(p => p.Kind).ThenBy(p => p.Code).ToListAsync(ct)), TableExport.XlsxContentType, "price-list.xlsx");

    private static Dictionary<string, object?> Example(string code, string name, string nameEn, PriceItemKind kind, JobKind? forType, decimal yuan, bool active) =>
        Values(code, name, nameEn, kind, forType, yuan, active);

    private static Dictionary<string, object?> Values(string code, string name, string? nameEn, PriceItemKind kind, JobKind? forType, decimal yuan, bool active) => new()
    {
        ["code"] = code, ["name"] = name, ["nameEn"] = nameEn, ["kind"] = SheetValues.Label("PriceItemKind.", kind),
        ["forType"] = forType is { } t ? SheetValues.Label("JobKind.", t) : Platform.Localization.Text.Get("FieldAdmin.Price.AnyType"),
        ["priceYuan"] = yuan, ["active"] = Platform.Localization.Text.Get(active ? "FieldAdmin.Price.Active" : "FieldAdmin.Price.Inactive"),
    };

    /// <summary>"Any type" in either language, or a job type.</summary>
    private static readonly string[] AnyType = [.. new[] { "zh-CN", "en" }.Select(c => Platform.Localization.Text.In(CultureInfo.GetCultureInfo(c), "FieldAdmin.Price.AnyType"))];

    public async Task<ImportOutcome> ImportAsync(Stream file, CancellationToken ct)
    {
        var existing = await db.Set<PriceItem>().ToDictionaryAsync(p => p.Code, StringComparer.Ordinal, ct);
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var pending = new List<(PriceItem? Item, PriceItemInput Input)>();
        var statusOptions = new (bool Value, string[] Names)[]
        {
            (true, [.. Labels("FieldAdmin.Price.Active"), "active"]),
            (false, [.. Labels("FieldAdmin.Price.Inactive"), "inactive", "停用"]),
        }.Concat(SheetValues.YesNoOptions.Select(o => (o.Value, o.Names))).ToArray();

        var read = await SheetImport.ReadAsync(file, limits.Value, Layout, row =>
        {
            var kind = row.Enum<PriceItemKind>("kind", "PriceItemKind.");
            var forType = row["forType"] is { } t && AnyType.Contains(t, StringComparer.OrdinalIgnoreCase) ? null : row.Enum<JobKind>("forType", "JobKind.");
            var active = row.Choice("active", statusOptions);
            decimal? yuan = null;
            if (row["priceYuan"] is { } price)
            {
                var cleaned = price.TrimStart('¥', '￥').Replace(",", "", StringComparison.Ordinal);
                if (decimal.TryParse(cleaned, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite,
                        CultureInfo.InvariantCulture, out var value))
                {
                    yuan = value;
                }
                else
                {
                    row.Error("priceYuan", "FieldAdmin.Price.BadPrice");
                }
            }

            var input = new PriceItemInput(row["code"], row["name"], row["nameEn"], kind, forType, yuan, active);
            // The form's rules for the rest; a field this row could not read is reported once, in its own words.
            row.Add(FieldModule.ValidatePrice(input), field => row.Errors.Any(e => e.Field == field) ? null : field);

            if (row.HasErrors)
            {
                return Task.CompletedTask;
            }

            var code = input.Code!.Trim();
            if (seen.TryGetValue(code, out var first))
            {
                row.Error("code", "Import.Duplicate", SheetImport.RowLabel(first));
                return Task.CompletedTask;
            }

            seen[code] = row.Number;
            pending.Add((existing.GetValueOrDefault(code), input));
            return Task.CompletedTask;
        }, ct);
        if (read.Refused is { } refused)
        {
            return refused;
        }

        if (pending.Count > 0)
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            foreach (var (item, input) in pending)
            {
                var line = item ?? db.Add(new PriceItem { Code = input.Code!.Trim(), Name = input.Name!.Trim() }).Entity;
                line.Name = input.Name!.Trim();
                FieldModule.Fill(line, input);
            }

            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }

        return read.Done(pending.Count);
    }

    private static IEnumerable<string> Labels(string key) =>
        new[] { "zh-CN", "en" }.Select(c => Platform.Localization.Text.In(CultureInfo.GetCultureInfo(c), key));
}
