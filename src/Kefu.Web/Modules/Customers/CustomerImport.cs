using System.Globalization;
using Kefu.Core.Customers;
using Kefu.Core.Organization;
using Kefu.Web.Data;
using Kefu.Web.Platform.Export;
using Microsoft.EntityFrameworkCore;
using NPOI.SS.UserModel;
using NPOI.XSSF.UserModel;

namespace Kefu.Web.Modules.Customers;

public sealed record ImportError(int Row, string Field, string Message);

public sealed record ImportResult(int Rows, int Imported, IReadOnlyList<ImportError> Errors);

/// <summary>
/// CUS-03 / PLT-05: customers from an Excel sheet. Each row is checked on its own (fields and
/// possible duplicates, against the database and the rows above it); valid rows are saved, bad rows
/// are reported with their row number and field, and no row is half-saved. Rows are saved in chunks
/// with the duplicate keys held in memory, so ten thousand rows take seconds, not minutes.
/// </summary>
public sealed class CustomerImport(KefuDbContext db, CustomerUseCases customers, TimeProvider clock)
{
    public const int MaxRows = 20_000;
    private const int Chunk = 500;

    /// <summary>Columns: header text in Chinese (the template) or English, and the field they fill.</summary>
    private static readonly (string Zh, string En, string Field)[] Columns =
    [
        ("客户名称", "Name", "name"), ("客户类型", "Type", "type"), ("等级", "Grade", "grade"), ("电话", "Phone", "phone"),
        ("联系人", "Contact", "contactName"), ("邮箱", "Email", "contactEmail"), ("统一社会信用代码", "TaxId", "taxId"),
        ("省", "Province", "province"), ("市", "City", "city"), ("区县", "District", "district"), ("地址", "Address", "address"),
        ("行业", "Industry", "industry"), ("销售渠道", "Channel", "channel"), ("结算方式", "Settlement", "settlement"),
        ("账期（天）", "PaymentCycleDays", "paymentCycleDays"), ("备注", "Notes", "notes"),
    ];

    public static byte[] Template()
    {
        ExportColumn<string[]>[] columns = Columns.Select((c, i) => new ExportColumn<string[]>(c.Zh, row => row[i])).ToArray();
        string[] example = ["上海示例科技有限公司", "Contract", "B", "021-12345678", "王经理", "wang@example.com", "", "上海", "上海", "浦东", "张江路 1 号", "制造", "直销", "Monthly", "30", ""];
        return TableExport.ToXlsx("客户导入", columns, [example]);
    }

    public async Task<ImportResult> ImportAsync(ScopeViewer viewer, string userId, Stream file, CancellationToken ct)
    {
        var errors = new List<ImportError>();
        XSSFWorkbook workbook;
        try
        {
            workbook = new XSSFWorkbook(file);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return new ImportResult(0, 0, [new ImportError(0, "file", Platform.Localization.Text.Get("Import.NotExcel"))]);
        }

        var sheet = workbook.GetSheetAt(0);
        var header = sheet.GetRow(sheet.FirstRowNum);
        var map = new Dictionary<int, string>();
        for (var c = 0; header is not null && c < header.LastCellNum; c++)
        {
            var text = header.GetCell(c)?.ToString()?.Trim();
            var column = Columns.FirstOrDefault(x => string.Equals(x.Zh, text, StringComparison.Ordinal) || string.Equals(x.En, text, StringComparison.OrdinalIgnoreCase));
            if (column.Field is not null)
            {
                map[c] = column.Field;
            }
        }

        if (!map.ContainsValue("name"))
        {
            return new ImportResult(0, 0, [new ImportError(1, "name", Platform.Localization.Text.Get("Import.NoNameColumn"))]);
        }

        var problems = new Platform.Http.ProblemBuilder();
        var centre = await customers.CentreAsync(viewer, null, userId, problems, ct);
        if (centre is null)
        {
            return new ImportResult(0, 0, [new ImportError(0, "centreId", Platform.Localization.Text.Get("Validation.UnknownOrgUnit"))]);
        }

        // The keys of every customer, to flag duplicates without a query per row.
        var existing = await db.Set<Customer>().AsNoTracking().Select(c => new { c.Number, c.NameKey, c.PhoneKey, c.TaxIdKey }).ToListAsync(ct);
        var names = existing.Where(e => e.NameKey != "").GroupBy(e => e.NameKey).ToDictionary(g => g.Key, g => g.First().Number);
        var phones = existing.Where(e => e.PhoneKey != null).GroupBy(e => e.PhoneKey!).ToDictionary(g => g.Key, g => g.First().Number);
        var taxes = existing.Where(e => e.TaxIdKey != null).GroupBy(e => e.TaxIdKey!).ToDictionary(g => g.Key, g => g.First().Number);

        var now = clock.GetUtcNow().UtcDateTime;
        var pending = new List<Customer>();
        var rows = 0;
        var imported = 0;
        for (var r = sheet.FirstRowNum + 1; r <= sheet.LastRowNum && rows < MaxRows; r++)
        {
            var row = sheet.GetRow(r);
            if (row is null || map.Keys.All(c => string.IsNullOrWhiteSpace(Cell(row, c))))
            {
                continue;
            }

            rows++;
            var values = map.ToDictionary(m => m.Value, m => Cell(row, m.Key));
            string? V(string field) => values.TryGetValue(field, out var v) && !string.IsNullOrWhiteSpace(v) ? v.Trim() : null;
            var rowNumber = r + 1;
            var rowErrors = new List<ImportError>();
            CustomerType? type = V("type") is { } t ? Enum.TryParse<CustomerType>(t, true, out var ty) && Enum.IsDefined(ty) ? ty : Bad<CustomerType>("type") : null;
            SettlementMode? settlement = V("settlement") is { } st ? Enum.TryParse<SettlementMode>(st, true, out var sm) && Enum.IsDefined(sm) ? sm : st is "月结" ? SettlementMode.Monthly : st is "现结" ? SettlementMode.Cash : Bad<SettlementMode>("settlement") : null;
            int? cycle = V("paymentCycleDays") is { } pc ? int.TryParse(pc, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : Bad<int>("paymentCycleDays") : null;
            var input = new CustomerInput(V("name"), type, V("grade"), V("phone"), V("industry"), V("province"), V("city"), V("district"), V("address"),
                V("channel"), settlement, cycle, V("taxId"), V("contactName"), V("contactEmail"), null, V("notes"), null, false, null);
            foreach (var (field, messages) in CustomerUseCases.Validate(input).Errors)
            {
                rowErrors.AddRange(messages.Select(m => new ImportError(rowNumber, field, m)));
            }

            if (rowErrors.Count == 0)
            {
                var nameKey = DuplicateKeys.Name(input.Name);
                var phoneKey = DuplicateKeys.Phone(input.Phone);
                var taxKey = DuplicateKeys.TaxId(input.TaxId);
                var same = names.GetValueOrDefault(nameKey) ?? (phoneKey.Length >= 7 ? phones.GetValueOrDefault(phoneKey) : null) ?? (taxKey != "" ? taxes.GetValueOrDefault(taxKey) : null);
                if (same is not null)
                {
                    rowErrors.Add(new ImportError(rowNumber, "name", Platform.Localization.Text.Get("Import.Duplicate", same)));
                }
                else
                {
                    var customer = new Customer { Number = "", Name = "", CentreId = centre.Id, OrgPath = centre.Path, CreatedAt = now };
                    CustomerUseCases.Apply(customer, input);
                    if (viewer.Scope == DataScope.Own)
                    {
                        customer.OwnerId = userId;
                        customer.AssignedAt = now;
                    }

                    var label = $"row {rowNumber}";
                    names[customer.NameKey] = label;
                    if (customer.PhoneKey is { Length: >= 7 } p)
                    {
                        phones[p] = label;
                    }

                    if (customer.TaxIdKey is { } tk)
                    {
                        taxes[tk] = label;
                    }

                    pending.Add(customer);
                }
            }

            errors.AddRange(rowErrors);
            if (pending.Count >= Chunk)
            {
                imported += await SaveAsync(pending, ct);
            }

            T? Bad<T>(string field) where T : struct
            {
                rowErrors.Add(new ImportError(rowNumber, field, Platform.Localization.Text.Get("Import.BadValue", values.GetValueOrDefault(field))));
                return null;
            }
        }

        imported += await SaveAsync(pending, ct);
        return new ImportResult(rows, imported, errors);
    }

    /// <summary>One chunk in one transaction: consecutive numbers for its rows, then the rows.</summary>
    private async Task<int> SaveAsync(List<Customer> pending, CancellationToken ct)
    {
        if (pending.Count == 0)
        {
            return 0;
        }

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await customers.NumberAsync(pending, ct);
        db.AddRange(pending);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        var count = pending.Count;
        pending.Clear();
        db.ChangeTracker.Clear();
        return count;
    }

    private static string? Cell(IRow row, int column)
    {
        var cell = row.GetCell(column);
        return cell?.CellType switch
        {
            null => null,
            CellType.Numeric => cell.NumericCellValue.ToString(CultureInfo.InvariantCulture),
            CellType.String => cell.StringCellValue,
            CellType.Boolean => cell.BooleanCellValue.ToString(),
            CellType.Formula => cell.ToString(),
            _ => cell.ToString(),
        };
    }
}
