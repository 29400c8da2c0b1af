using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Kefu.Web.Tests.Infrastructure;

namespace Kefu.Web.Tests.Modules.Field;

/// <summary>
/// PLT-05 / CHG-02: the price list (服务收费标准) from Excel, keyed by code: new codes added, known
/// codes changed, bad rows reported by field; the export imports back unchanged.
/// </summary>
public abstract class PriceImportTests(KefuFactory app)
{
    private static readonly string[] Header = ["编号", "名称", "英文名称", "类别", "适用工单类型", "价格（元）", "状态"];

    private static async Task<JsonObject> ImportAsync(HttpClient client, byte[] file)
    {
        using var response = await Sheets.UploadAsync(client, "/api/field/price-items/import", file);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    private static async Task<Dictionary<string, JsonObject>> PricesAsync(HttpClient client) =>
        (await client.GetFromJsonAsync<JsonArray>("/api/field/price-items"))!.Select(p => p!.AsObject()).ToDictionary(p => (string)p["code"]!);

    [ProviderFact]
    public async Task PLT_05_price_import_adds_and_changes_lines_by_code_and_reports_bad_rows_by_field()
    {
        var t = Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        using var manager = await app.ClientFor("csmgr");
        var first = await ImportAsync(manager, Sheets.Build(Header,
            [$"S-{t}", "上门维修费", "Repair visit", "服务费", "维修单", 150, "启用"],
            [$"P-{t}", "压缩机", null, "Part", "全部类型", "880.50", null],
            [$"X-{t}", "类别不明", null, "工具", null, 10, null],          // 4: unknown kind
            [$"Y-{t}", "价格不明", null, "配件", null, "八十", null],        // 5: not a price
            [$"Z-{t}", "三位小数", null, "配件", null, "1.234", null],       // 6: more than two decimals (the form's rule)
            [$"W-{t}", null, null, "配件", "洗衣单", 5, "也许"],            // 7: no name, unknown job type, unknown status
            [$"S-{t}", "重复编号", null, "服务费", null, 1, null]));          // 8: the code of row 2
        Assert.Equal(7, (int)first["rows"]!);
        Assert.Equal(2, (int)first["imported"]!);
        var errors = Sheets.Errors(first);
        Assert.Equal([(4, "kind"), (5, "priceYuan"), (6, "priceYuan"), (7, "active"), (7, "forType"), (7, "name"), (8, "code")], errors.Distinct().Order());

        var prices = await PricesAsync(manager);
        Assert.Equal("Service", (string?)prices[$"S-{t}"]["kind"]);
        Assert.Equal("Repair", (string?)prices[$"S-{t}"]["forType"]);
        Assert.Equal(15000, (long)prices[$"S-{t}"]["priceFen"]!);
        Assert.Equal(88050, (long)prices[$"P-{t}"]["priceFen"]!);
        Assert.Null(prices[$"P-{t}"]["forType"]);
        Assert.False(prices.ContainsKey($"X-{t}"));

        // A known code changes its line: price and status, same id.
        var id = (int)prices[$"S-{t}"]["id"]!;
        var second = await ImportAsync(manager, Sheets.Build(Header, [$"S-{t}", "上门维修费", "Repair visit", "服务费", "维修单", "160", "已停用"]));
        Assert.Equal(1, (int)second["imported"]!);
        var changed = (await PricesAsync(manager))[$"S-{t}"];
        Assert.Equal(id, (int)changed["id"]!);
        Assert.Equal(16000, (long)changed["priceFen"]!);
        Assert.False((bool)changed["active"]!);
    }

    [ProviderFact]
    public async Task PLT_05_the_exported_price_list_imports_back_unchanged_and_the_template_imports()
    {
        using var manager = await app.ClientFor("csmgr");
        var before = await PricesAsync(manager);
        var export = await manager.GetByteArrayAsync("/api/field/price-items/export");
        Assert.Equal(Header, Sheets.Header(export));
        Assert.Equal(before.Count, Sheets.Read(export).Count);

        var again = await ImportAsync(manager, export);
        Assert.Equal(before.Count, (int)again["imported"]!);
        Assert.Empty(again["errors"]!.AsArray());
        var after = await PricesAsync(manager);
        Assert.Equal(before.Keys.Order(), after.Keys.Order());
        Assert.All(before, p => Assert.True(JsonNode.DeepEquals(p.Value, after[p.Key]), $"{p.Key} changed: {p.Value.ToJsonString()} → {after[p.Key].ToJsonString()}"));

        var template = await manager.GetByteArrayAsync("/api/field/price-items/import/template");
        var fromTemplate = await ImportAsync(manager, template);
        Assert.Equal(2, (int)fromTemplate["rows"]!);
        Assert.Empty(fromTemplate["errors"]!.AsArray());
    }
}

public sealed class PriceImportTestsOnSqlite(SqliteApp app) : PriceImportTests(app), IClassFixture<SqliteApp>;

public sealed class PriceImportTestsOnPostgres(PostgresApp app) : PriceImportTests(app), IClassFixture<PostgresApp>;
