using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Kefu.Web.Data;
using Kefu.Web.Platform.Attachments;
using Kefu.Web.Tests.Infrastructure;
using Kefu.Web.Tests.Platform.Clock;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NPOI.XSSF.UserModel;

namespace Kefu.Web.Tests.Platform;

/// <summary>
/// Issue 10, class 10: a write to the API made with the sign-in cookie must carry the antiforgery
/// token (header RequestVerificationToken), uploads included; bearer tokens need none.
/// </summary>
public abstract partial class ApiAntiforgeryTests(ClockApp app)
{
    private static readonly byte[] Pdf = "%PDF-1.4\n% signed scan\n"u8.ToArray();

    /// <summary>The three uploads that read a form (and so have the framework's own check switched off).</summary>
    public static TheoryData<string> Uploads => new("customer import", "order attachment", "claim attachment");

    private sealed record Upload(string User, string Url, Func<HttpContent> Body, Func<Task<int>> Count, HttpStatusCode Accepted);

    private async Task<Upload> PrepareAsync(string kind)
    {
        app.Clock.Set(new DateTimeOffset(2026, 9, 14, 10, 0, 0, TimeSpan.FromHours(8)));
        switch (kind)
        {
            case "customer import":
            {
                var tag = "防伪" + Guid.NewGuid().ToString("N")[..6];
                return new Upload("sh.sup", "/api/customers/import", () => File(Workbook(tag), "customers.xlsx", null),
                    async () =>
                    {
                        using var reader = await app.ClientFor("sh.sup");
                        var page = await reader.GetFromJsonAsync<JsonObject>($"/api/customers?q={Uri.EscapeDataString(tag)}");
                        return page!["items"]!.AsArray().Count;
                    },
                    HttpStatusCode.OK);
            }

            case "order attachment":
            {
                using var cs = await app.ClientFor("sh.cs");
                using var customer = await cs.PostAsJsonAsync("/api/customers", new { name = "防伪客户" + Guid.NewGuid().ToString("N")[..8], confirmDuplicate = true });
                Assert.Equal(HttpStatusCode.Created, customer.StatusCode);
                var customerId = (int)(await customer.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;
                using var order = await cs.PostAsJsonAsync("/api/orders", OrderBody(customerId));
                Assert.True(order.StatusCode == HttpStatusCode.Created, await order.Content.ReadAsStringAsync());
                var id = (int)(await order.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;
                return new Upload("sh.cs", $"/api/orders/{id}/attachments", () => File(Pdf, "notice.pdf", "DangerousGoodsNotice"),
                    () => AttachmentsAsync("Order", id), HttpStatusCode.Created);
            }

            case "claim attachment":
            {
                using var eng = await app.ClientFor("sh.eng1");
                using var claim = await eng.PostAsJsonAsync("/api/expenses/claims", new { lines = new[] { new { date = "2026-09-10", category = "Meals", amount = 120m, receiptCount = 1 } } });
                Assert.True(claim.StatusCode == HttpStatusCode.Created, await claim.Content.ReadAsStringAsync());
                var id = (int)(await claim.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;
                return new Upload("sh.eng1", $"/api/expenses/claims/{id}/attachments", () => File(Pdf, "receipt.pdf", "Receipt"),
                    () => AttachmentsAsync("ExpenseClaim", id), HttpStatusCode.Created);
            }

            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, null);
        }
    }

    [ProviderTheory]
    [MemberData(nameof(Uploads))]
    public async Task Upload_WithTheSignInCookieButNoToken_IsRefusedAndSavesNothing(string kind)
    {
        var upload = await PrepareAsync(kind);
        using var browser = await PageSession.SignedInAsync(app, upload.User);

        using var response = await browser.PostAsync(upload.Url, upload.Body());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("RequestVerificationToken", await response.ProblemFieldsAsync());
        Assert.Equal(0, await upload.Count());
    }

    [ProviderTheory]
    [MemberData(nameof(Uploads))]
    public async Task Upload_WithTheSignInCookieAndAnotherUsersToken_IsRefused(string kind)
    {
        var upload = await PrepareAsync(kind);
        using var other = await PageSession.SignedInAsync(app, "sh.coord");
        var othersToken = await RequestTokenAsync(other);
        using var browser = await PageSession.SignedInAsync(app, upload.User);
        using var request = new HttpRequestMessage(HttpMethod.Post, upload.Url) { Content = upload.Body() };
        request.Headers.Add("RequestVerificationToken", othersToken);

        using var response = await browser.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, await upload.Count());
    }

    [ProviderTheory]
    [MemberData(nameof(Uploads))]
    public async Task Upload_WithTheSignInCookieAndItsToken_IsAccepted(string kind)
    {
        var upload = await PrepareAsync(kind);
        using var browser = await PageSession.SignedInAsync(app, upload.User);
        using var request = new HttpRequestMessage(HttpMethod.Post, upload.Url) { Content = upload.Body() };
        request.Headers.Add("RequestVerificationToken", await RequestTokenAsync(browser));

        using var response = await browser.SendAsync(request);

        Assert.True(response.StatusCode == upload.Accepted, $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        Assert.Equal(1, await upload.Count());
    }

    [ProviderTheory]
    [MemberData(nameof(Uploads))]
    public async Task Upload_WithABearerToken_NeedsNoAntiforgeryToken(string kind)
    {
        var upload = await PrepareAsync(kind);
        using var client = await app.ClientFor(upload.User);

        using var response = await client.PostAsync(upload.Url, upload.Body());

        Assert.True(response.StatusCode == upload.Accepted, $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        Assert.Equal(1, await upload.Count());
    }

    [ProviderFact]
    public async Task JsonWrite_WithTheSignInCookie_NeedsTheTokenToo_AndReadsDoNot()
    {
        using var browser = await PageSession.SignedInAsync(app, "sh.cs");
        var name = "防伪JSON" + Guid.NewGuid().ToString("N")[..6];

        using (var read = await browser.GetAsync("/api/me"))
        {
            Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        }

        using (var refused = await browser.PostAsJsonAsync("/api/customers", new { name, confirmDuplicate = true }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/customers") { Content = JsonContent.Create(new { name, confirmDuplicate = true }) };
        request.Headers.Add("RequestVerificationToken", await RequestTokenAsync(browser));
        using var accepted = await browser.SendAsync(request);
        Assert.Equal(HttpStatusCode.Created, accepted.StatusCode);

        using var reader = await app.ClientFor("sh.cs");
        var page = await reader.GetFromJsonAsync<JsonObject>($"/api/customers?q={Uri.EscapeDataString(name)}");
        Assert.Single(page!["items"]!.AsArray());
    }

    /// <summary>The request token a signed-in page hands to htmx (the layout's hx-headers).</summary>
    private static async Task<string> RequestTokenAsync(HttpClient browser)
    {
        var html = await browser.GetStringAsync("/");
        var match = HxToken().Match(html);
        Assert.True(match.Success, "The page carries no antiforgery token for htmx.");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    [GeneratedRegex(@"""RequestVerificationToken"":\s*""([^""]+)""")]
    private static partial Regex HxToken();

    private Task<int> AttachmentsAsync(string recordType, int id) =>
        app.InScopeAsync(sp =>
        {
            var key = id.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return sp.GetRequiredService<KefuDbContext>().Set<Attachment>()
                .CountAsync(a => a.RecordType == recordType && a.RecordId == key);
        });

    private static MultipartFormDataContent File(byte[] bytes, string fileName, string? kind)
    {
        var form = new MultipartFormDataContent();
        if (kind is not null)
        {
            form.Add(new StringContent(kind), "kind");
        }

        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "file", fileName);
        return form;
    }

    private static byte[] Workbook(string name)
    {
        var workbook = new XSSFWorkbook();
        var sheet = workbook.CreateSheet("客户");
        string[] header = ["客户名称", "电话", "结算方式", "账期（天）", "邮箱"];
        var h = sheet.CreateRow(0);
        for (var c = 0; c < header.Length; c++)
        {
            h.CreateCell(c).SetCellValue(header[c]);
        }

        sheet.CreateRow(1).CreateCell(0).SetCellValue(name);
        using var stream = new MemoryStream();
        workbook.Write(stream);
        return stream.ToArray();
    }

    private object OrderBody(int customerId) => new
    {
        customerId, channel = "Email", readBackConfirmed = false, dangerousGoods = "None", jobType = "SameCityDelivery", vehicleType = "4.2米厢式车",
        requestedArrival = app.Clock.GetUtcNow().AddHours(48), pickupParty = "浦江仓库", pickupCity = "上海", pickupAddress = "浦东新区 1 号",
        pickupContact = "王先生", pickupPhone = "021-55550001", deliveryParty = "收货公司", deliveryCity = "上海", deliveryAddress = "某路 2 号",
        deliveryContact = "李女士", deliveryPhone = "010-55550002", goodsName = "电子元件", pieces = 12, weightKg = 350.5m, volumeM3 = 2.4m,
        packaging = "纸箱", estimatedCharge = 1280.50m, declaredValue = 20000m, settlement = "Monthly",
    };
}

public sealed class ApiAntiforgeryTestsOnSqlite(SqliteClockApp app) : ApiAntiforgeryTests(app), IClassFixture<SqliteClockApp>;

public sealed class ApiAntiforgeryTestsOnPostgres(PostgresClockApp app) : ApiAntiforgeryTests(app), IClassFixture<PostgresClockApp>;
