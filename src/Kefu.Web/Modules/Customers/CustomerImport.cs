using System.Globalization;
using Kefu.Core.Customers;
using Kefu.Core.Organization;
using Kefu.Web.Data;
using Kefu.Web.Platform.Export;
using Kefu.Web.Platform.Http;
using Kefu.Web.Platform.Import;
using Kefu.Web.Platform.Scoping;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Kefu.Web.Modules.Customers;

public sealed record ImportError(int Row, string Field, string Message);

public sealed record ImportResult(int Rows, int Imported, IReadOnlyList<ImportError> Errors);

/// <summary>An import either ran (rows saved, bad rows reported) or was refused whole, with nothing saved.</summary>
public abstract record ImportOutcome
{
    private ImportOutcome()
    {
    }

    public sealed record Done(ImportResult Result) : ImportOutcome;

    /// <summary>The file (over a limit, unreadable, without a name column) or the caller's centre: 400 naming the field, usually "file".</summary>
    public sealed record Refused(ProblemBuilder Problems) : ImportOutcome;
}

/// <summary>
/// CUS-03 / PLT-05: customers from an Excel sheet. The sheet is streamed within the limits of
/// <see cref="SpreadsheetLimits"/> (ADR 0010): a file that is not a workbook, a zip bomb or a sheet
/// with more rows than the limit is refused whole before anything is saved. Each row is checked on
/// its own (fields, phone, possible duplicates against the database and the rows above it); bad
/// rows are reported with their row number and field, and the valid rows are saved together in one
/// transaction once the whole sheet has been read, so no row and no part of a file is half-saved.
/// </summary>
public sealed class CustomerImport(KefuDbContext db, CustomerUseCases customers, TimeProvider clock, IOptionsSnapshot<SpreadsheetLimits> limits)
{
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

    /// <summary>The column a row error points at, named as in the template (Chinese) or by its English header.</summary>
    public static string ColumnHeader(string field)
    {
        var column = Columns.FirstOrDefault(c => c.Field == field);
        return column.Field is null ? field
            : CultureInfo.CurrentUICulture.Name.StartsWith("zh", StringComparison.OrdinalIgnoreCase) ? column.Zh : column.En;
    }

    public static byte[] Template()
    {
        ExportColumn<string[]>[] columns = Columns.Select((c, i) => new ExportColumn<string[]>(c.Zh, row => row[i])).ToArray();
        string[] example = ["上海示例科技有限公司", "Contract", "B", "021-12345678", "王经理", "wang@example.com", "", "上海", "上海", "浦东", "张江路 1 号", "制造", "直销", "Monthly", "30", ""];
        return TableExport.ToXlsx("客户导入", columns, [example]);
    }

    public async Task<ImportOutcome> ImportAsync(ScopeViewer viewer, string userId, Stream file, CancellationToken ct)
    {
        SpreadsheetReader sheet;
        IReadOnlyList<string?> header;
        try
        {
            sheet = await SpreadsheetReader.OpenAsync(file, limits.Value, ct);
            header = sheet.Header();
        }
        catch (SpreadsheetRefusedException refused)
        {
            return Refuse(refused.Problem);
        }

        var map = new Dictionary<int, string>();
        for (var c = 0; c < header.Count; c++)
        {
            var text = header[c]?.Trim();
            var column = Columns.FirstOrDefault(x => string.Equals(x.Zh, text, StringComparison.Ordinal) || string.Equals(x.En, text, StringComparison.OrdinalIgnoreCase));
            if (column.Field is not null)
            {
                map.TryAdd(c, column.Field);
            }
        }

        if (!map.ContainsValue("name"))
        {
            return Refuse(new SpreadsheetProblem("Import.NoNameColumn"));
        }

        var problems = new ProblemBuilder();
        var centre = await customers.CentreAsync(viewer, null, userId, problems, ct);
        if (centre is null)
        {
            return new ImportOutcome.Refused(problems.HasErrors ? problems : problems.Add("centreId", "Validation.UnknownOrgUnit"));
        }

        // The keys of every customer the importer may see, to flag duplicates without a query per row;
        // as at intake, another centre's customers are never named to them (ORG-03).
        var existing = await db.Set<Customer>().AsNoTracking().VisibleTo(viewer).Select(c => new { c.Number, c.NameKey, c.PhoneKey, c.TaxIdKey }).ToListAsync(ct);
        var names = existing.Where(e => e.NameKey != "").GroupBy(e => e.NameKey).ToDictionary(g => g.Key, g => g.First().Number);
        var phones = existing.Where(e => e.PhoneKey != null).GroupBy(e => e.PhoneKey!).ToDictionary(g => g.Key, g => g.First().Number);
        var taxes = existing.Where(e => e.TaxIdKey != null).GroupBy(e => e.TaxIdKey!).ToDictionary(g => g.Key, g => g.First().Number);

        var now = clock.GetUtcNow().UtcDateTime;
        var errors = new List<ImportError>();
        var pending = new List<Customer>();
        var rows = 0;
        try
        {
            foreach (var row in sheet.Rows(map.Keys.Max() + 1))
            {
                ct.ThrowIfCancellationRequested();
                rows++;
                var values = map.ToDictionary(m => m.Value, m => row.Cells[m.Key]);
                errors.AddRange(ReadRow(row.Number, values, centre, viewer, userId, now, names, phones, taxes, pending));
            }
        }
        catch (SpreadsheetRefusedException refused)
        {
            return Refuse(refused.Problem);
        }

        var imported = await SaveAsync(pending, ct);
        return new ImportOutcome.Done(new ImportResult(rows, imported, errors));
    }

    private static ImportOutcome.Refused Refuse(SpreadsheetProblem problem) => new(new ProblemBuilder().Add("file", problem.Key, problem.Args));

    /// <summary>One row: its field errors, or a new customer added to <paramref name="pending"/> and to the duplicate keys.</summary>
    private static List<ImportError> ReadRow(int rowNumber, Dictionary<string, string?> values, OrgUnit centre, ScopeViewer viewer, string userId, DateTime now,
        Dictionary<string, string> names, Dictionary<string, string> phones, Dictionary<string, string> taxes, List<Customer> pending)
    {
        var rowErrors = new List<ImportError>();
        string? V(string field) => values.TryGetValue(field, out var v) && !string.IsNullOrWhiteSpace(v) ? v.Trim() : null;
        CustomerType? type = V("type") is { } t ? Enum.TryParse<CustomerType>(t, true, out var ty) && Enum.IsDefined(ty) ? ty : Bad<CustomerType>("type") : null;
        SettlementMode? settlement = V("settlement") is { } st ? Enum.TryParse<SettlementMode>(st, true, out var sm) && Enum.IsDefined(sm) ? sm : st is "月结" ? SettlementMode.Monthly : st is "现结" ? SettlementMode.Cash : Bad<SettlementMode>("settlement") : null;
        int? cycle = V("paymentCycleDays") is { } pc ? int.TryParse(pc, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : Bad<int>("paymentCycleDays") : null;
        var input = new CustomerInput(V("name"), type, V("grade"), V("phone"), V("industry"), V("province"), V("city"), V("district"), V("address"),
            V("channel"), settlement, cycle, V("taxId"), V("contactName"), V("contactEmail"), null, V("notes"), null, false, null);
        foreach (var (field, messages) in CustomerUseCases.Validate(input).Errors)
        {
            rowErrors.AddRange(messages.Select(m => new ImportError(rowNumber, field, m)));
        }

        if (rowErrors.Count > 0)
        {
            return rowErrors;
        }

        var nameKey = DuplicateKeys.Name(input.Name);
        var phoneKey = DuplicateKeys.Phone(input.Phone);
        var taxKey = DuplicateKeys.TaxId(input.TaxId);
        var same = names.GetValueOrDefault(nameKey) ?? (phoneKey.Length >= 7 ? phones.GetValueOrDefault(phoneKey) : null) ?? (taxKey != "" ? taxes.GetValueOrDefault(taxKey) : null);
        if (same is not null)
        {
            rowErrors.Add(new ImportError(rowNumber, "name", Platform.Localization.Text.Get("Import.Duplicate", same)));
            return rowErrors;
        }

        var customer = new Customer { Number = "", Name = "", CentreId = centre.Id, OrgPath = centre.Path, CreatedAt = now };
        CustomerUseCases.Apply(customer, input);
        if (viewer.Scope == DataScope.Own)
        {
            customer.OwnerId = userId;
            customer.AssignedAt = now;
        }

        var label = Platform.Localization.Text.Get("Import.RowLabel", rowNumber);
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
        return rowErrors;

        T? Bad<T>(string field) where T : struct
        {
            rowErrors.Add(new ImportError(rowNumber, field, Platform.Localization.Text.Get("Import.BadValue", values.GetValueOrDefault(field))));
            return null;
        }
    }

    /// <summary>
    /// Every valid row in one transaction: consecutive numbers for all of them, then the rows in
    /// chunks (the change tracker cleared between them, so twenty thousand rows take seconds).
    /// </summary>
    private async Task<int> SaveAsync(List<Customer> pending, CancellationToken ct)
    {
        if (pending.Count == 0)
        {
            return 0;
        }

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await customers.NumberAsync(pending, ct);
        foreach (var chunk in pending.Chunk(Chunk))
        {
            db.AddRange(chunk);
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
        }

        await tx.CommitAsync(ct);
        return pending.Count;
    }
}
