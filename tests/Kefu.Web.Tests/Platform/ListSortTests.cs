using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Kefu.Web.Data;
using Kefu.Web.Platform.Calendars;
using Kefu.Web.Platform.Http;
using Kefu.Web.Platform.Notifications;
using Kefu.Web.Platform.Sla;
using Kefu.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using NPOI.XSSF.UserModel;

namespace Kefu.Web.Tests.Platform;

/// <summary>
/// UI.md "List pages": every list sorts on its columns on the server (<c>?sort=&amp;dir=</c>), keeps its
/// filters when you come back, and an unknown column never breaks it (the API names the field).
/// </summary>
public abstract partial class ListSortTests(KefuFactory app)
{
    private async Task<List<string?>> ValuesAsync(string userName, string url, string field)
    {
        using var client = await app.ClientFor(userName);
        using var response = await client.GetAsync(url);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {(int)response.StatusCode} {text}");
        // A page ({items: […]}) or, for the deadlines, the list itself.
        var body = JsonNode.Parse(text)!;
        var items = body as JsonArray ?? body["items"]!.AsArray();
        return items.Select(i => i![field] is { } v ? v.ToString() : null).ToList();
    }

    /// <summary>
    /// Asc and desc over the whole list give the same values in opposite orders; with
    /// <paramref name="ordinal"/> (ASCII keys, dates) the ascending values also rise in ordinal order.
    /// </summary>
    private async Task AssertSortsAsync(string userName, string list, string column, string field, bool ordinal, bool wholeList = true)
    {
        var separator = list.Contains('?', StringComparison.Ordinal) ? '&' : '?';
        var asc = await ValuesAsync(userName, $"{list}{separator}pageSize=200&sort={column}&dir=asc", field);
        var desc = await ValuesAsync(userName, $"{list}{separator}pageSize=200&sort={column}&dir=desc", field);
        Assert.True(asc.Count >= 2, $"{list} has too few rows to show an order ({asc.Count})");
        if (wholeList)
        {
            Assert.True(asc.Count < 200, $"{list} does not fit one page");
            Assert.Equal(asc, Enumerable.Reverse(desc).ToList());
            Assert.True(asc.Distinct().Count() > 1 || asc.Count < 2, $"{list} sorted by {column}: every row has the same value, the order proves nothing");
        }

        if (ordinal)
        {
            for (var i = 1; i < asc.Count; i++)
            {
                Assert.True(Compare(asc[i - 1], asc[i]) <= 0, $"{list} by {column} ascending: '{asc[i - 1]}' before '{asc[i]}'");
                Assert.True(Compare(desc[i - 1], desc[i]) >= 0, $"{list} by {column} descending: '{desc[i - 1]}' before '{desc[i]}'");
            }
        }
    }

    /// <summary>Instants as instants (PostgreSQL keeps fractions of a second that change the text's length), other keys ordinally.</summary>
    private static int Compare(string? a, string? b) =>
        a is not null && b is not null && a.Contains('T', StringComparison.Ordinal)
            && DateTimeOffset.TryParse(a, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.RoundtripKind, out var x)
            && DateTimeOffset.TryParse(b, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.RoundtripKind, out var y)
            ? x.CompareTo(y)
            : string.CompareOrdinal(a, b);

    [ProviderTheory]
    [InlineData("number", "employeeNumber", true)]
    [InlineData("name", "displayName", false)]
    [InlineData("user", "userName", true)]
    [InlineData("unit", "orgUnitName", false)]
    public Task Staff_list_sorts_by_each_column_both_ways(string column, string field, bool ordinal) =>
        AssertSortsAsync("admin", "/api/staff", column, field, ordinal);

    [ProviderTheory]
    [InlineData("number", "number", true)]
    [InlineData("name", "name", false)]
    [InlineData("grade", "grade", false)]
    public Task Customer_list_sorts_by_each_column_both_ways(string column, string field, bool ordinal) =>
        AssertSortsAsync("admin", "/api/customers", column, field, ordinal);

    [ProviderTheory]
    [InlineData("at", "at")]
    [InlineData("entityType", "entityType")]
    [InlineData("action", "action")]
    public Task Audit_log_sorts_by_each_column_both_ways(string column, string field) =>
        AssertSortsAsync("admin", "/api/audit", column, field, ordinal: true, wholeList: false);

    /// <summary>
    /// Rows the lists below need on every database, made once per class: three inquiries with ASCII
    /// names (PostgreSQL's collation and ordinal order agree on them), two notifications and two open
    /// deadlines for sh.eng2 (due days ahead, so no sweep touches them).
    /// </summary>
    private Task<string[]> ListRowsAsync() => app.SharedAsync("list-rows", async () =>
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        string[] companies = [$"sortco-b-{tag}", $"sortco-c-{tag}", $"sortco-a-{tag}"];
        using (var cs = await app.ClientFor("sh.cs"))
        {
            foreach (var company in companies)
            {
                using var created = await cs.PostAsJsonAsync("/api/inquiries", new { company, intent = "BecomeAgent", province = "上海", city = "上海", channels = "电商", productLines = "空调" });
                Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
            }
        }

        var engineer = await app.StaffIdAsync("sh.eng2");
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KefuDbContext>();
        var notifier = scope.ServiceProvider.GetRequiredService<Notifier>();
        await notifier.EnqueueAsync(new NotificationRequest("Test", [engineer], ["排序一"], ToGroupRobots: false));
        await db.SaveChangesAsync();
        await notifier.EnqueueAsync(new NotificationRequest("Test", [engineer], ["排序二"], ToGroupRobots: false));
        await db.SaveChangesAsync();
        var now = DateTime.UtcNow;
        for (var i = 0; i < 2; i++)
        {
            db.Add(new SlaTimer
            {
                RecordType = "ListSort", RecordId = $"{tag}-{i}", Rule = "SLA-01", Name = "排序时限", OwnerId = engineer, CalendarId = WorkCalendar.DefaultId,
                Unit = Kefu.Core.Sla.SlaUnit.WorkingDays, Amount = 5, StartedAt = now.AddHours(-i), DueAt = now.AddDays(5 + i), WarnAt = now.AddDays(4 + i), Status = TimerStatus.Running,
            });
        }

        await db.SaveChangesAsync();
        return companies;
    });

    [ProviderTheory]
    [InlineData("sh.coord", "/api/callbacks", "completed", "completedAt", false)]
    [InlineData("sh.coord", "/api/callbacks", "due", "dueAt", false)]
    [InlineData("sh.sup", "/api/visits?status=Done", "done", "doneAt", false)]
    [InlineData("sh.cs", "/api/inquiries", "company", "company", true)]
    [InlineData("sh.cs", "/api/inquiries", "created", "createdAt", false)]
    [InlineData("sh.cs", "/api/orders/handovers", "created", "createdAt", false)]
    [InlineData("sh.eng2", "/api/notifications", "created", "createdAt", false)]
    [InlineData("sh.eng2", "/api/sla/deadlines?state=all", "due", "dueAt", false)]
    [InlineData("sh.eng2", "/api/sla/deadlines?state=all", "started", "startedAt", false)]
    public async Task The_other_list_apis_sort_by_their_columns_both_ways(string userName, string list, string column, string field, bool wholeList)
    {
        await ListRowsAsync();
        if (list.Contains("handovers", StringComparison.Ordinal))
        {
            await HandoversAsync();
        }

        await AssertSortsAsync(userName, list, column, field, ordinal: true, wholeList);
    }

    /// <summary>Two handover forms of sh.cs (the demo has one at most): made once per class.</summary>
    private Task<string> HandoversAsync() => app.SharedAsync("handovers", async () =>
    {
        using var cs = await app.ClientFor("sh.cs");
        var customers = await cs.GetFromJsonAsync<JsonObject>("/api/customers?pageSize=2");
        foreach (var customer in customers!["items"]!.AsArray())
        {
            using var created = await cs.PostAsJsonAsync("/api/orders/handovers", new { customerId = (int)customer!["id"]!, delivery = true, contractOrQuote = "排序测试合同" });
            Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        }

        return "made";
    });

    [ProviderTheory]
    [InlineData("sh.sup", "/api/visits")]
    [InlineData("sh.coord", "/api/callbacks")]
    [InlineData("sh.cs", "/api/inquiries")]
    [InlineData("sh.cs", "/api/orders/handovers")]
    [InlineData("sh.eng2", "/api/notifications")]
    [InlineData("sh.eng2", "/api/sla/deadlines")]
    public async Task The_other_list_apis_refuse_an_unknown_sort_column_naming_the_field(string userName, string list)
    {
        using var client = await app.ClientFor(userName);
        using var response = await client.GetAsync($"{list}?sort=password&dir=asc");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("sort", await response.ProblemFieldsAsync());

        using var direction = await client.GetAsync($"{list}?sort=&dir=sideways");
        Assert.Equal(HttpStatusCode.BadRequest, direction.StatusCode);
        Assert.Contains("dir", await direction.ProblemFieldsAsync());
    }

    [ProviderTheory]
    [InlineData("sh.cs", "/inquiries")]
    [InlineData("sh.cs", "/orders/handovers")]
    [InlineData("sh.cs", "/orders/tracking")]
    [InlineData("sh.cs", "/orders/reconciliation")]
    [InlineData("sh.sup", "/expenses/batches")]
    [InlineData("sh.sup", "/surveys")]
    [InlineData("sh.sup", "/approvals")]
    [InlineData("mkt", "/incidents/cross-region")]
    [InlineData("admin", "/admin/tokens")]
    [InlineData("admin", "/org/units")]
    [InlineData("sh.coord", "/field/resident")]
    [InlineData("sh.coord", "/field/teams")]
    public async Task The_other_list_pages_ignore_an_unknown_sort_column(string userName, string page)
    {
        using var client = await PageSession.SignedInAsync(app, userName);
        using var response = await client.GetAsync($"{page}?sort=nonsense&dir=sideways");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [ProviderTheory]
    [InlineData("sh.cs", "/inquiries", "company,intent,outcome,stage")]
    [InlineData("sh.cs", "/orders/handovers", "number,customer,status,submitted,approved")]
    [InlineData("admin", "/org/units", "name,code,kind,function,active")]
    [InlineData("sh.coord", "/field/resident", "name,customer,lead,members,active")]
    [InlineData("sh.coord", "/field/teams", "name,customer,lead,start,finish,persondays,status")]
    public async Task The_other_list_pages_expose_their_main_columns_as_sortable(string userName, string page, string columns)
    {
        await ListRowsAsync();
        await HandoversAsync();
        using var client = await PageSession.SignedInAsync(app, userName);
        var html = WebUtility.HtmlDecode(await client.GetStringAsync(page + "?page=1"));
        var sortable = SortableHeader().Matches(html).Select(m => m.Groups["column"].Value).ToHashSet(StringComparer.Ordinal);
        foreach (var column in columns.Split(','))
        {
            Assert.Contains(column, sortable);
        }

        var first = columns.Split(',')[0];
        var sorted = WebUtility.HtmlDecode(await client.GetStringAsync($"{page}?sort={first}&dir=desc"));
        Assert.Matches($@"aria-sort=""descending"" data-sort=""{first}""", sorted);
    }

    [ProviderFact]
    public async Task The_inquiry_page_lists_its_rows_in_the_asked_order_and_the_export_keeps_it()
    {
        var companies = await ListRowsAsync();
        var (a, b, c) = (companies[2], companies[0], companies[1]);
        using var client = await PageSession.SignedInAsync(app, "sh.cs");
        var asc = await client.GetStringAsync("/inquiries?sort=company&dir=asc");
        Assert.True(asc.IndexOf(a, StringComparison.Ordinal) < asc.IndexOf(b, StringComparison.Ordinal) && asc.IndexOf(b, StringComparison.Ordinal) < asc.IndexOf(c, StringComparison.Ordinal),
            "Ascending by company: a, b, c");
        var desc = await client.GetStringAsync("/inquiries?sort=company&dir=desc");
        Assert.True(desc.IndexOf(c, StringComparison.Ordinal) < desc.IndexOf(b, StringComparison.Ordinal) && desc.IndexOf(b, StringComparison.Ordinal) < desc.IndexOf(a, StringComparison.Ordinal),
            "Descending by company: c, b, a");

        using var export = await client.GetAsync("/inquiries?handler=Export&sort=company&dir=desc");
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        var sheet = new XSSFWorkbook(new MemoryStream(await export.Content.ReadAsByteArrayAsync())).GetSheetAt(0);
        var names = Enumerable.Range(1, sheet.LastRowNum).Select(r => sheet.GetRow(r).GetCell(0).StringCellValue).Where(n => n.StartsWith("sortco-", StringComparison.Ordinal)).ToList();
        Assert.Equal([c, b, a], names);
    }

    [ProviderTheory]
    [InlineData("/field/resident", "驻点")]
    [InlineData("/field/teams", "项目")]
    public async Task The_field_lists_export_a_workbook_of_what_the_filters_select(string page, string header)
    {
        using var client = await PageSession.SignedInAsync(app, "sh.coord");
        using var export = await client.GetAsync($"{page}?handler=Export&format=xlsx&sort=name&dir=asc");
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        Assert.Equal(Kefu.Web.Platform.Export.TableExport.XlsxContentType, export.Content.Headers.ContentType?.MediaType);
        var sheet = new XSSFWorkbook(new MemoryStream(await export.Content.ReadAsByteArrayAsync())).GetSheetAt(0);
        Assert.Contains(header, sheet.GetRow(0).GetCell(0).StringCellValue, StringComparison.Ordinal);

        // A filter nothing matches: the header alone.
        using var none = await client.GetAsync($"{page}?handler=Export&q=没有这样的名称zzz");
        var empty = new XSSFWorkbook(new MemoryStream(await none.Content.ReadAsByteArrayAsync())).GetSheetAt(0);
        Assert.Equal(0, empty.LastRowNum);
    }

    [ProviderFact]
    public async Task A_new_list_page_brings_back_its_filters_and_says_what_to_do_when_empty()
    {
        using var client = await PageSession.SignedInAsync(app, "sh.cs");
        var html = WebUtility.HtmlDecode(await client.GetStringAsync("/orders/handovers?q=没有这样的客户zzz&sort=customer&dir=desc"));
        Assert.Contains("empty-state", html, StringComparison.Ordinal);
        Assert.Contains("/orders/handovers?clear=1", html, StringComparison.Ordinal);

        using var back = await client.GetAsync("/orders/handovers");
        Assert.Equal(HttpStatusCode.Redirect, back.StatusCode);
        var location = Uri.UnescapeDataString(back.Headers.Location!.OriginalString);
        Assert.Contains("sort=customer", location, StringComparison.Ordinal);
        Assert.Contains("q=没有这样的客户zzz", location, StringComparison.Ordinal);

        using var clear = await client.GetAsync("/orders/handovers?clear=1");
        Assert.Equal(HttpStatusCode.Redirect, clear.StatusCode);
    }

    [ProviderTheory]
    [InlineData("/api/staff")]
    [InlineData("/api/customers")]
    [InlineData("/api/orders")]
    [InlineData("/api/audit")]
    [InlineData("/api/incidents")]
    [InlineData("/api/expenses/claims")]
    public async Task An_unknown_sort_column_is_a_problem_naming_the_field_never_a_500(string list)
    {
        using var client = await app.ClientFor("admin");
        using var response = await client.GetAsync($"{list}?sort=password&dir=asc");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("sort", await response.ProblemFieldsAsync());

        using var direction = await client.GetAsync($"{list}?sort=&dir=sideways");
        Assert.Equal(HttpStatusCode.BadRequest, direction.StatusCode);
        Assert.Contains("dir", await direction.ProblemFieldsAsync());
    }

    [ProviderTheory]
    [InlineData("/customers")]
    [InlineData("/orders")]
    [InlineData("/staff")]
    [InlineData("/admin/audit")]
    [InlineData("/expenses")]
    [InlineData("/incidents")]
    [InlineData("/visits")]
    [InlineData("/callbacks")]
    [InlineData("/deadlines")]
    public async Task A_list_page_ignores_an_unknown_sort_column(string page)
    {
        using var client = await PageSession.SignedInAsync(app, "admin");
        using var response = await client.GetAsync($"{page}?sort=nonsense&dir=sideways");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    /// <summary>The main columns of each list page with rows are sortable headers, with aria-sort.</summary>
    [ProviderTheory]
    [InlineData("/customers", "number,name,grade,centre,owner")]
    [InlineData("/orders", "number,customer,channel,jobType,destination,accepted,arrival,status,trackingClass")]
    [InlineData("/staff", "number,name,user,unit,status,onDuty")]
    [InlineData("/admin/audit", "at,user,address,action,entityType,entityId")]
    public async Task Every_list_page_exposes_its_main_columns_as_sortable(string page, string columns)
    {
        using var client = await PageSession.SignedInAsync(app, "admin");
        var html = WebUtility.HtmlDecode(await client.GetStringAsync(page + "?page=1"));
        var sortable = SortableHeader().Matches(html).Select(m => m.Groups["column"].Value).ToHashSet(StringComparer.Ordinal);
        foreach (var column in columns.Split(','))
        {
            Assert.Contains(column, sortable);
        }

        // Sorted by a column, the header says so to assistive technology.
        var first = columns.Split(',')[0];
        var sorted = WebUtility.HtmlDecode(await client.GetStringAsync($"{page}?sort={first}&dir=desc"));
        Assert.Matches($@"aria-sort=""descending"" data-sort=""{first}""", sorted);
    }

    [ProviderFact]
    public async Task A_sorted_page_lists_its_rows_in_that_order_and_the_export_keeps_it()
    {
        using var client = await PageSession.SignedInAsync(app, "admin");
        var asc = Cells(await client.GetStringAsync("/staff?sort=user&dir=asc"));
        var desc = Cells(await client.GetStringAsync("/staff?sort=user&dir=desc"));
        Assert.True(asc.Count > 2);
        Assert.Equal(asc.Order(StringComparer.Ordinal).ToList(), asc);
        Assert.Equal(desc.OrderDescending(StringComparer.Ordinal).ToList(), desc);
        Assert.NotEqual(asc[0], desc[0]);

        using var export = await client.GetAsync("/staff?handler=Export&format=csv&sort=user&dir=desc");
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        var csv = await export.Content.ReadAsStringAsync();
        Assert.True(csv.IndexOf(desc[0], StringComparison.Ordinal) < csv.IndexOf(desc[1], StringComparison.Ordinal), "The export keeps the sort");
    }

    /// <summary>The user-name column (third) of the staff table.</summary>
    private static List<string> Cells(string html) =>
        StaffRow().Matches(WebUtility.HtmlDecode(html)).Select(m => m.Groups["user"].Value.Trim()).ToList();

    [ProviderFact]
    public async Task A_list_brings_back_its_filters_and_sort_and_clear_forgets_them()
    {
        using var client = await PageSession.SignedInAsync(app, "admin");
        using (var filtered = await client.GetAsync("/customers?q=上海&sort=name&dir=desc"))
        {
            Assert.Equal(HttpStatusCode.OK, filtered.StatusCode);
            Assert.Contains("clear-filters", await filtered.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using (var back = await client.GetAsync("/customers"))
        {
            Assert.Equal(HttpStatusCode.Redirect, back.StatusCode);
            var location = Uri.UnescapeDataString(back.Headers.Location!.OriginalString);
            Assert.StartsWith("/customers?", location, StringComparison.Ordinal);
            Assert.Contains("q=上海", location, StringComparison.Ordinal);
            Assert.Contains("sort=name", location, StringComparison.Ordinal);
            Assert.Contains("dir=desc", location, StringComparison.Ordinal);
        }

        // Another list keeps its own.
        using (var orders = await client.GetAsync("/orders"))
        {
            Assert.Equal(HttpStatusCode.OK, orders.StatusCode);
        }

        using (var clear = await client.GetAsync("/customers?clear=1"))
        {
            Assert.Equal(HttpStatusCode.Redirect, clear.StatusCode);
            Assert.Equal("/customers", clear.Headers.Location!.OriginalString);
        }

        using var plain = await client.GetAsync("/customers");
        Assert.Equal(HttpStatusCode.OK, plain.StatusCode);
        Assert.DoesNotContain("clear-filters", await plain.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [ProviderFact]
    public async Task An_empty_list_says_what_to_do_next()
    {
        using var client = await PageSession.SignedInAsync(app, "admin");
        var html = WebUtility.HtmlDecode(await client.GetStringAsync("/customers?q=没有这样的客户zzz"));
        Assert.Contains("empty-state", html, StringComparison.Ordinal);
        Assert.Contains("/customers?clear=1", html, StringComparison.Ordinal);
    }

    [ProviderFact]
    public void Sort_reads_the_query_string_and_refuses_a_bad_direction()
    {
        Assert.True(ListSort.TryParse("name", "desc", out var sort));
        Assert.Equal(new ListSort("name", true), sort);
        Assert.True(ListSort.TryParse("-name", null, out var older));
        Assert.Equal(new ListSort("name", true), older);
        Assert.True(ListSort.TryParse(null, null, out var none));
        Assert.Equal(ListSort.None, none);
        Assert.False(ListSort.TryParse("name", "sideways", out _));
    }

    [GeneratedRegex(@"<th[^>]*aria-sort=""(?:none|ascending|descending)""[^>]*data-sort=""(?<column>[A-Za-z]+)""")]
    private static partial Regex SortableHeader();

    [GeneratedRegex(@"<tr>\s*<td>[^<]*</td>\s*<td><a href=""/staff/edit/[^""]+"">[^<]*</a></td>\s*<td>(?<user>[^<]*)</td>")]
    private static partial Regex StaffRow();
}

public sealed class ListSortTestsOnSqlite(SqliteApp app) : ListSortTests(app), IClassFixture<SqliteApp>;

public sealed class ListSortTestsOnPostgres(PostgresApp app) : ListSortTests(app), IClassFixture<PostgresApp>;
