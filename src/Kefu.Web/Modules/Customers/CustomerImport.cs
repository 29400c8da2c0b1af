using System.Globalization;
using Kefu.Core.Customers;
using Kefu.Core.Organization;
using Kefu.Web.Data;
using Kefu.Web.Platform.Http;
using Kefu.Web.Platform.Import;
using Kefu.Web.Platform.Scoping;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Kefu.Web.Modules.Customers;

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
    public static readonly SheetLayout Layout = new("客户导入", "Customers",
        new("name", "客户名称", "Name", Required: true), new("type", "客户类型", "Type"), new("grade", "等级", "Grade"), new("phone", "电话", "Phone"),
        new("contactName", "联系人", "Contact"), new("contactEmail", "邮箱", "Email"), new("taxId", "统一社会信用代码", "TaxId"),
        new("province", "省", "Province"), new("city", "市", "City"), new("district", "区县", "District"), new("address", "地址", "Address"),
        new("industry", "行业", "Industry"), new("channel", "销售渠道", "Channel"), new("settlement", "结算方式", "Settlement"),
        new("paymentCycleDays", "账期（天）", "PaymentCycleDays"), new("notes", "备注", "Notes"));

    public static byte[] Template() => Layout.Template(new Dictionary<string, object?>
    {
        ["name"] = "上海示例科技有限公司", ["type"] = "Contract", ["grade"] = "B", ["phone"] = "021-12345678", ["contactName"] = "王经理",
        ["contactEmail"] = "wang@example.com", ["province"] = "上海", ["city"] = "上海", ["district"] = "浦东", ["address"] = "张江路 1 号",
        ["industry"] = "制造", ["channel"] = "直销", ["settlement"] = "Monthly", ["paymentCycleDays"] = "30",
    });

    public async Task<ImportOutcome> ImportAsync(ScopeViewer viewer, string userId, Stream file, CancellationToken ct)
    {
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
        var pending = new List<Customer>();
        var read = await SheetImport.ReadAsync(file, limits.Value, Layout, row =>
        {
            ReadRow(row, centre, viewer, userId, now, names, phones, taxes, pending);
            return Task.CompletedTask;
        }, ct);
        return read.Refused ?? read.Done(await SaveAsync(pending, ct));
    }

    /// <summary>One row: its field errors, or a new customer added to <paramref name="pending"/> and to the duplicate keys.</summary>
    private static void ReadRow(ImportRow row, OrgUnit centre, ScopeViewer viewer, string userId, DateTime now,
        Dictionary<string, string> names, Dictionary<string, string> phones, Dictionary<string, string> taxes, List<Customer> pending)
    {
        var type = row.Enum<CustomerType>("type", "CustomerType.");
        var settlement = row.Enum<SettlementMode>("settlement", "Settlement.");
        int? cycle = null;
        if (row["paymentCycleDays"] is { } days)
        {
            if (int.TryParse(days, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n))
            {
                cycle = n;
            }
            else
            {
                row.BadValue("paymentCycleDays");
            }
        }

        var input = new CustomerInput(row["name"], type, row["grade"], row["phone"], row["industry"], row["province"], row["city"], row["district"], row["address"],
            row["channel"], settlement, cycle, row["taxId"], row["contactName"], row["contactEmail"], null, row["notes"], null, false, null);
        row.Add(CustomerUseCases.Validate(input));
        if (row.HasErrors)
        {
            return;
        }

        var nameKey = DuplicateKeys.Name(input.Name);
        var phoneKey = DuplicateKeys.Phone(input.Phone);
        var taxKey = DuplicateKeys.TaxId(input.TaxId);
        var same = names.GetValueOrDefault(nameKey) ?? (phoneKey.Length >= 7 ? phones.GetValueOrDefault(phoneKey) : null) ?? (taxKey != "" ? taxes.GetValueOrDefault(taxKey) : null);
        if (same is not null)
        {
            row.Error("name", "Import.Duplicate", same);
            return;
        }

        var customer = new Customer { Number = "", Name = "", CentreId = centre.Id, OrgPath = centre.Path, CreatedAt = now };
        CustomerUseCases.Apply(customer, input);
        if (viewer.Scope == DataScope.Own)
        {
            customer.OwnerId = userId;
            customer.AssignedAt = now;
        }

        var label = SheetImport.RowLabel(row.Number);
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
            // CUS-01: each row's contact and address become the customer's primary ones.
            db.AddRange(chunk.SelectMany(c => CustomerPeopleSync.PrimariesOf(c, c.CreatedAt)));
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
        }

        await tx.CommitAsync(ct);
        return pending.Count;
    }
}
