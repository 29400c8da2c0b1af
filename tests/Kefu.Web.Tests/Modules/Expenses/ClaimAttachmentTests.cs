using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Kefu.Web.Tests.Infrastructure;
using Kefu.Web.Tests.Platform.Clock;

namespace Kefu.Web.Tests.Modules.Expenses;

/// <summary>PLT-02 on claims: receipt scans and the travel summary, size- and type-checked, read only within scope.</summary>
public abstract class ClaimAttachmentTests(ClockApp app)
{
    private static readonly byte[] Png = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, (byte)'I', (byte)'H', (byte)'D', (byte)'R'];

    private async Task<int> DraftAsync(string user, string category)
    {
        app.Clock.Set(new DateTimeOffset(2026, 9, 14, 10, 0, 0, TimeSpan.FromHours(8)));
        using var client = await app.ClientFor(user);
        using var created = await client.PostAsJsonAsync("/api/expenses/claims", new { lines = new[] { new { date = "2026-09-10", category, amount = 120m, receiptCount = 1 } } });
        return (int)(await created.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;
    }

    private async Task<HttpResponseMessage> UploadAsync(string user, int claimId, string kind, byte[] bytes, string name)
    {
        using var client = await app.ClientFor(user);
        using var form = new MultipartFormDataContent();
        form.Add(new StringContent(kind), "kind");
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "file", name);
        return await client.PostAsync($"/api/expenses/claims/{claimId}/attachments", form);
    }

    [ProviderFact]
    public async Task EXP_01_travel_summary_upload_satisfies_the_travel_rule_and_receipts_are_read_only_in_scope()
    {
        var id = await DraftAsync("sh.eng1", "Travel");
        using (var withoutSummary = await (await app.ClientFor("sh.eng1")).PostAsync($"/api/expenses/claims/{id}/submit", null))
        {
            Assert.Equal(HttpStatusCode.BadRequest, withoutSummary.StatusCode);
        }

        using var uploaded = await UploadAsync("sh.eng1", id, "TravelSummary", [.. "%PDF-1.4 summary"u8], "出差汇总表.pdf");
        Assert.Equal(HttpStatusCode.Created, uploaded.StatusCode);
        var attachment = await uploaded.Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal("application/pdf", (string?)attachment!["contentType"]);

        using var receipt = await UploadAsync("sh.eng1", id, "Receipt", Png, "receipt.png");
        Assert.Equal(HttpStatusCode.Created, receipt.StatusCode);
        var receiptId = (long)(await receipt.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;

        using (var sup = await app.ClientFor("sh.sup"))
        {
            var bytes = await sup.GetByteArrayAsync($"/api/expenses/claims/{id}/attachments/{receiptId}");
            Assert.Equal(Png, bytes);
        }

        using (var hz = await app.ClientFor("hz.sup"))
        {
            Assert.Equal(HttpStatusCode.NotFound, (await hz.GetAsync($"/api/expenses/claims/{id}/attachments/{receiptId}")).StatusCode);
        }

        using var submitted = await (await app.ClientFor("sh.eng1")).PostAsync($"/api/expenses/claims/{id}/submit", null);
        Assert.Equal(HttpStatusCode.OK, submitted.StatusCode);

        // Submitted: nothing more is attached.
        using var late = await UploadAsync("sh.eng1", id, "Receipt", Png, "late.png");
        Assert.Equal(HttpStatusCode.BadRequest, late.StatusCode);
    }

    [ProviderFact]
    public async Task PLT_02_files_are_checked_by_their_content_and_size()
    {
        var id = await DraftAsync("bj.eng1", "Meals");
        using var exe = await UploadAsync("bj.eng1", id, "Receipt", [.. "MZ\u0090\0 not a picture"u8], "receipt.jpg");
        Assert.Equal(HttpStatusCode.BadRequest, exe.StatusCode);
        Assert.Contains("file", await exe.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var badKind = await UploadAsync("bj.eng1", id, "Selfie", Png, "me.png");
        Assert.Equal(HttpStatusCode.BadRequest, badKind.StatusCode);
        using var someoneElse = await UploadAsync("bj.cs", id, "Receipt", Png, "x.png");
        Assert.Equal(HttpStatusCode.NotFound, someoneElse.StatusCode);
    }
}

public sealed class ClaimAttachmentTestsOnSqlite(SqliteClockApp app) : ClaimAttachmentTests(app), IClassFixture<SqliteClockApp>;

public sealed class ClaimAttachmentTestsOnPostgres(PostgresClockApp app) : ClaimAttachmentTests(app), IClassFixture<PostgresClockApp>;
