using System.Net;
using System.Text.Json.Nodes;
using Kefu.Web.Platform.Http;
using Kefu.Web.Tests.Infrastructure;
using Kefu.Web.Tests.Platform.Clock;

namespace Kefu.Web.Tests.Modules;

/// <summary>Pages that hid what was saved or ignored what was typed (issue 12, "bugs seen on the way").</summary>
public sealed class PageFixesTests(SqliteClockApp app) : IClassFixture<SqliteClockApp>
{
    private static readonly DateTimeOffset MondayMorning = new(2026, 11, 30, 10, 0, 0, TimeSpan.FromHours(8));

    private async Task<JsonNode> CreateAsync(string user, string url, object body)
    {
        using var client = await app.ClientFor(user);
        using var response = await client.SendJsonAsync("POST", url, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"POST {url}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!;
    }

    private async Task<JsonNode> OrderAsync()
    {
        var customer = await CreateAsync("sh.cs", "/api/customers", new { name = "页面客户" + Guid.NewGuid().ToString("N")[..6], confirmDuplicate = true });
        return await CreateAsync("sh.cs", "/api/orders", new
        {
            customerId = (int)customer["id"]!, channel = "Email", dangerousGoods = "None", jobType = "SameCityDelivery", vehicleType = "4.2米厢式车",
            requestedArrival = app.Clock.GetUtcNow().AddHours(48), pickupParty = "浦江仓库", pickupCity = "上海", pickupAddress = "浦东新区 1 号",
            pickupContact = "王先生", pickupPhone = "021-55550001", deliveryParty = "收货公司", deliveryCity = "上海", deliveryAddress = "某路 2 号",
            deliveryContact = "李女士", deliveryPhone = "010-55550002", goodsName = "电子元件", pieces = 12, weightKg = 350.5m, volumeM3 = 2.4m,
            packaging = "纸箱", estimatedCharge = 1280.50m, declaredValue = 20000m, settlement = "Monthly",
        });
    }

    [Fact]
    public async Task The_incident_page_shows_what_happened_and_links_the_order_it_names()
    {
        app.Clock.Set(MondayMorning);
        var order = await OrderAsync();
        var incident = await CreateAsync("sh.cs", "/api/incidents", new
        {
            type = "CustomerComplaint", customerName = "投诉客户", summary = "货物破损",
            details = "司机卸货时跌落两箱，现场已拍照。", orderReference = (string)order["number"]!, sendReport = false,
        });

        using var page = await PageClient.SignInAsync(app, "sh.cs");
        var (status, html) = await page.GetAsync($"/incidents/{(int)incident["id"]!}");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("司机卸货时跌落两箱，现场已拍照。", html, StringComparison.Ordinal);
        Assert.Contains($"<a href=\"/orders/{(int)order["id"]!}\">{(string)order["number"]!}</a>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Replying_with_an_empty_note_says_so_next_to_the_note_and_saves_nothing()
    {
        app.Clock.Set(MondayMorning);
        var incident = await CreateAsync("sh.cs", "/api/incidents", new { type = "CustomerComplaint", customerName = "投诉客户", summary = "回复为空", sendReport = false });
        var id = (int)incident["id"]!;
        using var page = await PageClient.SignInAsync(app, "sh.cs");

        using var response = await page.PostFormAsync($"/incidents/{id}", $"/incidents/{id}?handler=Reply", new Dictionary<string, string> { ["Text"] = "  " });
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("data-testid=\"note-error\"", html, StringComparison.Ordinal);
        Assert.Contains("“说明”为必填项。", html, StringComparison.Ordinal);
        Assert.DoesNotContain("“text”", html, StringComparison.Ordinal);
        using var client = await app.ClientFor("sh.cs");
        var detail = JsonNode.Parse(await client.GetStringAsync($"/api/incidents/{id}"))!;
        Assert.Null(detail["repliedAt"]);
    }

    [Fact]
    public async Task A_customer_field_with_no_value_shows_a_dash()
    {
        var customer = await CreateAsync("sh.cs", "/api/customers", new { name = "空字段客户" + Guid.NewGuid().ToString("N")[..6], confirmDuplicate = true });
        using var page = await PageClient.SignInAsync(app, "sh.cs");

        var (_, html) = await page.GetAsync($"/customers/{(int)customer["id"]!}");

        Assert.Matches("""<dd class="col-sm-8">—</dd>""", html);
        Assert.DoesNotMatch("""<dd class="col-sm-8">\s*</dd>""", html);
    }

    [Fact]
    public async Task The_order_forms_search_button_posts_back_with_the_clients_found_and_keeps_what_was_typed()
    {
        var name = "搜索客户" + Guid.NewGuid().ToString("N")[..6];
        await CreateAsync("sh.cs", "/api/customers", new { name, confirmDuplicate = true });
        using var page = await PageClient.SignInAsync(app, "sh.cs");

        using var response = await page.PostFormAsync("/orders/edit", "/orders/edit?handler=Search", new Dictionary<string, string>
        {
            ["lookup"] = name, ["Input.GoodsName"] = "已经填写的货物",
        });
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(name, html, StringComparison.Ordinal);
        Assert.Contains("已经填写的货物", html, StringComparison.Ordinal);
        Assert.DoesNotContain("field-validation-error\">", html.Replace("field-validation-error\"></span>", "", StringComparison.Ordinal), StringComparison.Ordinal);
        var (_, form) = await page.GetAsync("/orders/edit");
        Assert.DoesNotContain("formmethod=\"get\"", form, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_bell_and_the_navigation_use_the_icon_font_served_with_the_app()
    {
        using var page = await PageClient.SignInAsync(app, "sh.cs");
        var (_, html) = await page.GetAsync("/");

        Assert.Contains("<i class=\"ti ti-bell", html, StringComparison.Ordinal);
        Assert.DoesNotContain("🔔", html, StringComparison.Ordinal);
        Assert.Contains("<i class=\"ti ti-users\"", html, StringComparison.Ordinal);
        using var client = app.CreateClient();
        using var css = await client.GetAsync("/lib/tabler-icons/tabler-icons.min.css");
        using var font = await client.GetAsync("/lib/tabler-icons/fonts/tabler-icons.woff2");
        Assert.Equal(HttpStatusCode.OK, css.StatusCode);
        Assert.Equal(HttpStatusCode.OK, font.StatusCode);
    }

    [Fact]
    public async Task The_global_search_finds_records_by_name_or_number_only_in_the_users_scope()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        var mine = await CreateAsync("sh.cs", "/api/customers", new { name = $"搜索甲{tag}", phone = "021-5555 7788", confirmDuplicate = true });
        var theirs = await CreateAsync("bj.cs", "/api/customers", new { name = $"搜索乙{tag}", confirmDuplicate = true });
        using var page = await PageClient.SignInAsync(app, "sh.cs");

        var (status, html) = await page.GetAsync($"/search?q={tag}");
        var (_, byNumber) = await page.GetAsync($"/search?q={(string)mine["number"]!}");
        var (_, nothing) = await page.GetAsync("/search?q=" + Uri.EscapeDataString("没有这个客户" + tag));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains($"href=\"/customers/{(int)mine["id"]!}\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain($"/customers/{(int)theirs["id"]!}\"", html, StringComparison.Ordinal);
        Assert.Contains($"href=\"/customers/{(int)mine["id"]!}\"", byNumber, StringComparison.Ordinal);
        Assert.Contains("没有找到", nothing, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"global-search\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public void A_validation_message_names_the_field_as_people_call_it()
    {
        using var culture = new CultureScope("zh-CN");
        Assert.Equal("说明", ProblemBuilder.Label("text"));
        Assert.Equal("日期", ProblemBuilder.Label("lines[2].date"));
        Assert.Equal("noSuchField", ProblemBuilder.Label("noSuchField"));
        Assert.Equal(["“金额”为必填项。"], new ProblemBuilder().Required("lines[0].amount", " ").Errors["lines[0].amount"]);
    }

    private sealed class CultureScope : IDisposable
    {
        private readonly System.Globalization.CultureInfo _ui = System.Globalization.CultureInfo.CurrentUICulture;

        public CultureScope(string name) => System.Globalization.CultureInfo.CurrentUICulture = new System.Globalization.CultureInfo(name);

        public void Dispose() => System.Globalization.CultureInfo.CurrentUICulture = _ui;
    }
}
