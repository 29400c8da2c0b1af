using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Kefu.Web.Data;
using Kefu.Web.Platform.Localization;
using Kefu.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Kefu.Web.Tests.Platform;

/// <summary>PLT-03 as people read it: "字段：旧值 → 新值", never JSON, keys or escapes.</summary>
public sealed class ChangeTextTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    [Fact]
    public async Task PLT_03_a_change_reads_as_field_old_and_new_value_in_words()
    {
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = new CultureInfo("zh-CN");
        try
        {
            await using var scope = app.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<KefuDbContext>();
            var claimant = await db.Users.SingleAsync(u => u.UserName == "sh.cs");
            var json = $$"""
                {"Status":[0,"InReview"],"ClaimedFen":[null,123456],"ClaimantId":[null,"{{claimant.Id}}"],"SubmittedAt":[null,"2026-10-09T01:30:00Z"],"Id":[null,5],"OrgPath":[null,"/1/2/"]}
                """;

            var lines = (await scope.ServiceProvider.GetRequiredService<ChangeText>().DescribeAsync([("ExpenseClaim", json)], CancellationToken.None)).Single();

            Assert.Equal(
                ["状态：草稿 → 审批中", "报销金额：— → ¥1,234.56", $"报销人：— → {claimant.DisplayName}", "提交时间：— → 2026-10-09 09:30"],
                lines.Select(l => l.ToString()).ToArray());
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }

    /// <summary>
    /// The records people change every day read with a field name in words for every column the
    /// history shows, never the property's name ("DeliveryParty", "CustomerId").
    /// </summary>
    [Theory]
    [InlineData("Customer")]
    [InlineData("Incident")]
    [InlineData("ExpenseClaim")]
    [InlineData("ExpenseLine")]
    [InlineData("Order")]
    [InlineData("ServiceJob")]
    [InlineData("KefuUser")]
    [InlineData("OrgUnit")]
    [InlineData("Invoice")]
    [InlineData("Payment")]
    [InlineData("Inquiry")]
    [InlineData("CustomerHandover")]
    [InlineData("Visit")]
    [InlineData("ServiceCallback")]
    [InlineData("PolicySetting")]
    public async Task PLT_03_every_column_of_a_main_record_has_a_field_label(string entityType)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KefuDbContext>();
        var type = db.Model.GetEntityTypes().First(t => t.ClrType.Name == entityType && !t.IsOwned());
        var properties = type.GetProperties().Select(p => p.Name).Where(ChangeText.IsShown).ToList();
        Assert.NotEmpty(properties);
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = new CultureInfo("zh-CN");
        try
        {
            // Without a label the history shows the property's own (English) name.
            var unlabeled = properties.Where(p => ChangeText.Label(entityType, p) == (p.EndsWith("Fen", StringComparison.Ordinal) ? p[..^3] : p)).ToList();
            Assert.True(unlabeled.Count == 0, $"{entityType} has no label for: {string.Join(", ", unlabeled)}");
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }

    [Fact]
    public async Task PLT_03_the_customer_history_and_the_audit_log_show_no_json_and_no_temporary_keys()
    {
        using var client = await app.ClientFor("sh.cs");
        using var created = await client.SendJsonAsync("POST", "/api/customers", new { name = "历史客户" + Guid.NewGuid().ToString("N")[..6], phone = "021-5555 0001", confirmDuplicate = true });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var customer = JsonNode.Parse(await created.Content.ReadAsStringAsync())!;
        var id = (int)customer["id"]!;

        using var page = await PageClient.SignInAsync(app, "sh.cs");
        var (_, html) = await page.GetAsync($"/customers/{id}");
        var history = html[html.IndexOf("data-testid=\"customer-history\"", StringComparison.Ordinal)..];

        Assert.Contains($"客户名称：— → {(string)customer["name"]!}", history, StringComparison.Ordinal);
        Assert.Contains("新增", history, StringComparison.Ordinal);
        Assert.DoesNotContain("{\"", history, StringComparison.Ordinal);
        Assert.DoesNotContain("\\u", history, StringComparison.Ordinal);

        await using var scope = app.Services.CreateAsyncScope();
        var stored = await scope.ServiceProvider.GetRequiredService<KefuDbContext>().AuditEntries.AsNoTracking()
            .Where(a => a.EntityType == "Customer" && a.EntityId == id.ToString(CultureInfo.InvariantCulture) && a.Action == "Insert").SingleAsync();
        Assert.Contains($"\"Id\":[null,{id}]", stored.Changes!, StringComparison.Ordinal);
        Assert.Contains((string)customer["name"]!, stored.Changes!, StringComparison.Ordinal);

        using var auditor = await PageClient.SignInAsync(app, "admin");
        var (status, log) = await auditor.GetAsync($"/admin/audit?entityType=Customer&entityId={id}");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("data-testid=\"audit-changes\"", log, StringComparison.Ordinal);
        Assert.Contains($"客户名称：— → {(string)customer["name"]!}", log, StringComparison.Ordinal);
        Assert.DoesNotContain("[null,", log, StringComparison.Ordinal);
    }
}
