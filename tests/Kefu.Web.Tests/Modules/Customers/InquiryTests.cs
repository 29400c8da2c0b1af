using System.Net;
using System.Text.Json.Nodes;
using Kefu.Web.Data;
using Kefu.Web.Modules.Customers;
using Kefu.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Kefu.Web.Tests.Modules.Customers;

/// <summary>
/// CUS-07 customer development over the API on both databases: the territory check against the
/// dealers on file, and the pipeline up to the first order. The demo data has no dealers; this
/// class files one (上海/上海, 电商, 空调) once per database.
/// </summary>
public abstract class InquiryTests(KefuFactory app)
{
    private async Task<(HttpStatusCode Status, JsonNode? Body)> SendAsync(string user, HttpMethod method, string url, object? body = null)
    {
        using var client = await app.ClientFor(user);
        using var response = await client.SendJsonAsync(method.Method, url, body);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length > 0 ? JsonNode.Parse(text) : null);
    }

    /// <summary>The dealer's customer number.</summary>
    private Task<string> DealerAsync() => app.SharedAsync("dealer", async () =>
    {
        var (status, dealer) = await SendAsync("sh.cs", HttpMethod.Post, "/api/customers", new
        {
            name = "上海空调经销商" + Guid.NewGuid().ToString("N")[..6], type = "AgentDistributor", province = "上海", city = "上海",
            channel = "电商", productLines = "空调", confirmDuplicate = true,
        });
        Assert.Equal(HttpStatusCode.Created, status);
        return (string)dealer!["number"]!;
    });

    private async Task<JsonNode> InquireAsync(object inquiry)
    {
        var (status, body) = await SendAsync("sh.cs", HttpMethod.Post, "/api/inquiries", inquiry);
        Assert.True(status == HttpStatusCode.Created, $"Creating an inquiry: {(int)status} {body?.ToJsonString()}");
        return body!;
    }

    private static string Company() => "询盘公司" + Guid.NewGuid().ToString("N")[..6];

    [ProviderFact]
    public async Task CUS_07_an_agent_request_overlapping_a_dealers_channel_and_product_line_is_quoted_distributor_prices()
    {
        var dealer = await DealerAsync();
        var inquiry = await InquireAsync(new { company = Company(), intent = "BecomeAgent", province = "上海", city = "上海", channels = "电商,门店", productLines = "空调" });
        Assert.Equal("QuoteDistributorPriceOrRefer", (string?)inquiry["outcome"]);
        Assert.Equal([dealer], inquiry["dealers"]!.AsArray().Select(d => (string)d!));
        Assert.Equal("IntroduceProducts", (string?)inquiry["stage"]);

        // The form's check before saving agrees.
        var (status, decision) = await SendAsync("sh.cs", HttpMethod.Get,
            "/api/inquiries/territory?intent=BecomeAgent&province=" + Uri.EscapeDataString("上海") + "&city=" + Uri.EscapeDataString("上海")
            + "&channels=" + Uri.EscapeDataString("电商") + "&productLines=" + Uri.EscapeDataString("空调"));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("QuoteDistributorPriceOrRefer", (string?)decision!["outcome"]);
        Assert.Equal([dealer], decision["dealerIds"]!.AsArray().Select(d => (string)d!));
    }

    [ProviderFact]
    public async Task CUS_07_an_agent_request_for_another_product_line_or_in_a_region_without_dealers_may_sign()
    {
        var dealer = await DealerAsync();
        var otherLine = await InquireAsync(new { company = Company(), intent = "BecomeAgent", province = "上海", city = "上海", channels = "电商", productLines = "冰箱" });
        Assert.Equal("MaySign", (string?)otherLine["outcome"]);
        Assert.Contains(dealer, otherLine["dealers"]!.AsArray().Select(d => (string)d!)); // the local dealer is named, without a conflict

        var otherChannel = await InquireAsync(new { company = Company(), intent = "BecomeAgent", province = "上海", city = "上海", channels = "门店", productLines = "空调" });
        Assert.Equal("MaySign", (string?)otherChannel["outcome"]);

        var blank = await InquireAsync(new { company = Company(), intent = "BecomeAgent", province = "西藏", city = "拉萨", channels = "电商", productLines = "空调" });
        Assert.Equal("MaySign", (string?)blank["outcome"]);
        Assert.Empty(blank["dealers"]!.AsArray());

        // An agent request needs channels and product lines to check against.
        var (refused, problem) = await SendAsync("sh.cs", HttpMethod.Post, "/api/inquiries", new { company = Company(), intent = "BecomeAgent", province = "上海", channels = "电商" });
        Assert.Equal(HttpStatusCode.BadRequest, refused);
        Assert.True(problem!["errors"]!.AsObject().ContainsKey("productLines"));
    }

    [ProviderFact]
    public async Task CUS_07_a_buyer_is_referred_to_the_dealer_and_the_inquiry_is_closed()
    {
        var dealer = await DealerAsync();
        var buyer = await InquireAsync(new { company = Company(), intent = "Buy", province = "上海", city = "上海", district = "浦东新区" });
        Assert.Equal("ReferToDealer", (string?)buyer["outcome"]);
        Assert.Equal([dealer], buyer["dealers"]!.AsArray().Select(d => (string)d!));
        Assert.Equal("Closed", (string?)buyer["stage"]);
        var (moved, _) = await SendAsync("sh.cs", HttpMethod.Post, $"/api/inquiries/{(int)buyer["id"]!}/stage", new { stage = "ConfirmProducts" });
        Assert.Equal(HttpStatusCode.BadRequest, moved);

        // Where no dealer sells, head office sells directly and the pipeline starts.
        var direct = await InquireAsync(new { company = Company(), intent = "Buy", province = "西藏" });
        Assert.Equal("SellDirect", (string?)direct["outcome"]);
        Assert.Equal("IntroduceProducts", (string?)direct["stage"]);
    }

    [ProviderFact]
    public async Task CUS_07_the_pipeline_moves_forward_only_and_the_first_order_creates_a_dealer_customer()
    {
        var company = Company();
        var inquiry = await InquireAsync(new { company, contactName = "刘总", phone = "0971-6000001", intent = "BecomeAgent", province = "青海", city = "西宁", channels = "门店", productLines = "热水器" });
        var id = (int)inquiry["id"]!;
        var url = $"/api/inquiries/{id}/stage";

        var (confirmed, afterConfirm) = await SendAsync("sh.cs", HttpMethod.Post, url, new { stage = "ConfirmProducts", notes = "确认热水器两款" });
        Assert.Equal(HttpStatusCode.OK, confirmed);
        Assert.Equal("ConfirmProducts", (string?)afterConfirm!["stage"]);
        var (quoted, _) = await SendAsync("sh.cs", HttpMethod.Post, url, new { stage = "Quote" }); // skipping ahead is allowed
        Assert.Equal(HttpStatusCode.OK, quoted);

        foreach (var backwards in new[] { "Terms", "Quote", "IntroduceProducts" })
        {
            var (refused, problem) = await SendAsync("sh.cs", HttpMethod.Post, url, new { stage = backwards });
            Assert.Equal(HttpStatusCode.BadRequest, refused);
            Assert.True(problem!["errors"]!.AsObject().ContainsKey("stage"));
        }

        // One stage at a time: "ConfirmProducts,FollowUpVisits" once read as their OR, 1 | 4 = FirstOrder.
        var (list2, listProblem) = await SendAsync("sh.cs", HttpMethod.Post, url, new { stage = "ConfirmProducts,FollowUpVisits" });
        Assert.Equal(HttpStatusCode.BadRequest, list2);
        Assert.True(listProblem!["errors"]!.AsObject().ContainsKey("stage"));

        // Another centre cannot move it.
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync("hz.cs", HttpMethod.Post, url, new { stage = "FollowUpVisits" })).Status);

        var (visits, _) = await SendAsync("sh.cs", HttpMethod.Post, url, new { stage = "FollowUpVisits" });
        Assert.Equal(HttpStatusCode.OK, visits);
        var (ordered, afterOrder) = await SendAsync("sh.cs", HttpMethod.Post, url, new { stage = "FirstOrder" });
        Assert.Equal(HttpStatusCode.OK, ordered);
        Assert.Equal("FirstOrder", (string?)afterOrder!["stage"]);
        var customerId = (int)afterOrder["customerId"]!;

        var (found, customer) = await SendAsync("sh.cs", HttpMethod.Get, $"/api/customers/{customerId}");
        Assert.Equal(HttpStatusCode.OK, found);
        Assert.Equal(company, (string?)customer!["name"]);
        Assert.Equal("0971-6000001", (string?)customer["phone"]);
        var saved = await ReadCustomerAsync(customerId);
        Assert.Equal(CustomerType.AgentDistributor, saved.Type);
        Assert.Equal(("青海", "西宁", "门店", "热水器"), (saved.Province, saved.City, saved.Channel, saved.ProductLines));
        Assert.Equal("刘总", saved.ContactName);

        // The new dealer now holds the territory: the same request again is quoted distributor prices.
        var again = await InquireAsync(new { company = Company(), intent = "BecomeAgent", province = "青海", city = "西宁", channels = "门店", productLines = "热水器" });
        Assert.Equal("QuoteDistributorPriceOrRefer", (string?)again["outcome"]);
        Assert.Equal([(string)customer["number"]!], again["dealers"]!.AsArray().Select(d => (string)d!));

        // The first order ends the pipeline.
        var (after, _) = await SendAsync("sh.cs", HttpMethod.Post, url, new { stage = "Closed" });
        Assert.Equal(HttpStatusCode.BadRequest, after);
        var (_, list) = await SendAsync("sh.cs", HttpMethod.Get, "/api/inquiries?stage=FirstOrder&pageSize=200");
        Assert.Contains(list!["items"]!.AsArray(), i => (int)i!["id"]! == id);
    }

    private async Task<Customer> ReadCustomerAsync(int id)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<KefuDbContext>().Set<Customer>().AsNoTracking().SingleAsync(c => c.Id == id);
    }
}

public sealed class InquiryTestsOnSqlite(SqliteApp app) : InquiryTests(app), IClassFixture<SqliteApp>;

public sealed class InquiryTestsOnPostgres(PostgresApp app) : InquiryTests(app), IClassFixture<PostgresApp>;
