using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Kefu.Web.Tests.Infrastructure;
using Kefu.Web.Tests.Platform.Clock;

namespace Kefu.Web.Tests.Modules.Field;

/// <summary>
/// The field-service pages behind the rules: the policy settings (FLD-02..08, CHG-02), the price list
/// (CHG-02) and the job sheet numbers on expense lines (EXP-01), through forms, on SQLite.
/// </summary>
public sealed class FieldAdminPageTests(SqliteClockApp app) : IClassFixture<SqliteClockApp>
{
    private static readonly DateTimeOffset Morning = new(2026, 11, 30, 9, 30, 0, TimeSpan.FromHours(8));
    private static readonly string[] InternalNames = ["FieldAdmin.", "RepairStage.", "SoftwareChargePolicy.", "PriceItemKind.", "JobKind.", "ServiceMode.", "FLD-", "CHG-", "EXP-"];

    /// <summary>The settings form as the page posts it, from the policy the API reads.</summary>
    private static Dictionary<string, string> SettingsForm(JsonObject policy)
    {
        var form = new Dictionary<string, string> { ["SoftwarePolicy"] = policy["softwarePolicy"]!.ToString() };
        foreach (var (name, value) in policy)
        {
            if (value is JsonObject map)
            {
                foreach (var (key, number) in map)
                {
                    form[$"Values[{name}.{key}]"] = number!.ToString();
                }
            }
            else if (name != "softwarePolicy")
            {
                form[$"Values[{name}]"] = value!.ToString();
            }
        }

        return form;
    }

    [Fact]
    public async Task FLD_02_CHG_02_the_administrator_changes_the_field_rules_on_the_settings_page_and_a_refused_value_shows_next_to_its_field()
    {
        using var api = await app.ClientFor("admin");
        var original = (await api.GetFromJsonAsync<JsonObject>("/api/settings/field-policy"))!;
        using var admin = await PageClient.SignInAsync(app, "admin");
        var (status, html) = await admin.GetAsync("/admin/settings/field");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("流动服务：派工后出发时限", html, StringComparison.Ordinal);
        Assert.Contains("工作小时", html, StringComparison.Ordinal);
        Assert.Contains("方案 B", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/admin/settings/field\"", html, StringComparison.Ordinal);
        Assert.All(InternalNames, name => Assert.DoesNotContain(name, html, StringComparison.Ordinal));
        // Every number the rules read has its field on the page (a rule added to the policy without one fails here).
        Assert.All(SettingsForm(original).Keys, name => Assert.Contains($"name=\"{name}\"", html, StringComparison.Ordinal));

        try
        {
            // Out of range and not a number: each message next to its field, nothing saved.
            var bad = SettingsForm(original);
            bad["Values[mobileSetOutMinutes]"] = "0";
            bad["Values[stageWorkingHours.Parts]"] = "四十";
            bad["Values[rankPerKilometre]"] = "1.5";
            using (var refused = await admin.PostFormAsync("/admin/settings/field", "/admin/settings/field", bad))
            {
                Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
                var page = WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync());
                Assert.Contains("data-field=\"mobileSetOutMinutes\">数值须在 1 到 1440 之间。", page, StringComparison.Ordinal);
                Assert.Contains("data-field=\"stageWorkingHours.Parts\">请输入整数", page, StringComparison.Ordinal);
                Assert.DoesNotContain("data-field=\"rankPerKilometre\"", page, StringComparison.Ordinal);
                // The form keeps what was typed.
                Assert.Contains("value=\"四十\"", page, StringComparison.Ordinal);
            }

            Assert.Equal((int)original["mobileSetOutMinutes"]!, (int)(await api.GetFromJsonAsync<JsonObject>("/api/settings/field-policy"))!["mobileSetOutMinutes"]!);

            var good = SettingsForm(original);
            good["Values[mobileSetOutMinutes]"] = "15";
            good["Values[stageWorkingHours.Parts]"] = "48";
            good["Values[rankPerKilometre]"] = "1.5";
            good["Values[pointsBonusByMode.Team]"] = "2";
            good["Values[teamDailyReportWorkingDays]"] = "2";
            good["SoftwarePolicy"] = "FreeWorkingDays";
            using (var saved = await admin.PostFormAsync("/admin/settings/field", "/admin/settings/field", good))
            {
                Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
            }

            var changed = (await api.GetFromJsonAsync<JsonObject>("/api/settings/field-policy"))!;
            Assert.Equal(15, (int)changed["mobileSetOutMinutes"]!);
            Assert.Equal(48, (int)changed["stageWorkingHours"]!["Parts"]!);
            Assert.Equal(1.5, (double)changed["rankPerKilometre"]!);
            Assert.Equal(2, (int)changed["pointsBonusByMode"]!["Team"]!);
            Assert.Equal(2, (int)changed["teamDailyReportWorkingDays"]!);
            Assert.Equal("FreeWorkingDays", (string)changed["softwarePolicy"]!);
            Assert.Equal((int)original["teamMinPersonDays"]!, (int)changed["teamMinPersonDays"]!);
        }
        finally
        {
            using var restored = await api.PutAsJsonAsync("/api/settings/field-policy", original);
            Assert.Equal(HttpStatusCode.NoContent, restored.StatusCode);
        }

        // The page is the administrator's, like the other settings pages.
        using var manager = await PageClient.SignInAsync(app, "csmgr");
        Assert.NotEqual(HttpStatusCode.OK, (await manager.GetAsync("/admin/settings/field")).Status);
        var (_, english) = await admin.GetAsync("/admin/settings/field?culture=en");
        Assert.Contains("Mobile service: set out within", english, StringComparison.Ordinal);
        Assert.All(InternalNames, name => Assert.DoesNotContain(name, english, StringComparison.Ordinal));
    }

    [Fact]
    public async Task CHG_02_the_price_administrator_adds_changes_and_deactivates_price_items_and_technicians_only_read_them()
    {
        var code = "T-" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        using var manager = await PageClient.SignInAsync(app, "csmgr");
        var (listStatus, list) = await manager.GetAsync("/field/prices");
        Assert.Equal(HttpStatusCode.OK, listStatus);
        Assert.Contains("data-testid=\"price-new\"", list, StringComparison.Ordinal);
        Assert.Contains("href=\"/field/prices\"", list, StringComparison.Ordinal);

        var form = new Dictionary<string, string>
        {
            ["Input.Code"] = code, ["Input.Name"] = "测试定影组件", ["Input.NameEn"] = "Test fuser", ["Input.Kind"] = "Part", ["Input.ForType"] = "",
            ["Input.PriceYuan"] = "85.5", ["Input.Active"] = "true",
        };
        using (var added = await manager.PostFormAsync("/field/prices/edit", "/field/prices/edit", form))
        {
            Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
            Assert.Equal("/field/prices", added.Headers.Location!.OriginalString);
        }

        var (_, found) = await manager.GetAsync($"/field/prices?q={code}");
        Assert.Contains("测试定影组件", found, StringComparison.Ordinal);
        Assert.Contains("¥85.50", found, StringComparison.Ordinal);
        Assert.Contains("配件", found, StringComparison.Ordinal);

        // A second line with the same code, or a price with fen fractions, stays on the form with the reason.
        using (var duplicate = await manager.PostFormAsync("/field/prices/edit", "/field/prices/edit", form))
        {
            Assert.Equal(HttpStatusCode.OK, duplicate.StatusCode);
            Assert.Contains("收费项目编号已存在", WebUtility.HtmlDecode(await duplicate.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        }

        using (var fractions = await manager.PostFormAsync("/field/prices/edit", "/field/prices/edit", new Dictionary<string, string>(form) { ["Input.Code"] = code + "X", ["Input.PriceYuan"] = "12.345" }))
        {
            Assert.Equal(HttpStatusCode.OK, fractions.StatusCode);
            Assert.Contains("最多两位小数", WebUtility.HtmlDecode(await fractions.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        }

        using var api = await app.ClientFor("csmgr");
        var items = (await api.GetFromJsonAsync<JsonArray>("/api/field/price-items"))!;
        var item = Assert.Single(items, i => ((string)i!["code"]!).StartsWith(code, StringComparison.Ordinal))!;
        Assert.Equal(8550, (long)item["priceFen"]!);
        var id = (int)item["id"]!;

        // Editing: the form opens with the line, and a deactivated line moves to the inactive filter.
        var (_, editPage) = await manager.GetAsync($"/field/prices/edit/{id}");
        Assert.Contains("value=\"85.50\"", editPage, StringComparison.Ordinal);
        using (var changed = await manager.PostFormAsync($"/field/prices/edit/{id}", $"/field/prices/edit/{id}",
            new Dictionary<string, string>(form) { ["Input.PriceYuan"] = "90", ["Input.Active"] = "false" }))
        {
            Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        }

        var (_, inactive) = await manager.GetAsync($"/field/prices?q={code}&status=inactive");
        Assert.Contains("¥90.00", inactive, StringComparison.Ordinal);
        Assert.Contains("已停用", inactive, StringComparison.Ordinal);
        var (_, active) = await manager.GetAsync($"/field/prices?q={code}&status=active");
        Assert.Contains("data-testid=\"empty-state\"", active, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await manager.GetAsync("/field/prices/edit/999999")).Status);

        // Sorted by price, highest first, on the server.
        var (_, sorted) = await manager.GetAsync("/field/prices?sort=price&dir=desc");
        Assert.Contains("aria-sort=\"descending\" data-sort=\"price\"", sorted, StringComparison.Ordinal);

        // A technician reads the list (in English, the English names) but neither adds nor edits.
        using var technician = await PageClient.SignInAsync(app, "sh.eng1");
        var (readStatus, read) = await technician.GetAsync($"/field/prices?q={code}&culture=en");
        Assert.Equal(HttpStatusCode.OK, readStatus);
        Assert.Contains("Test fuser", read, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"price-new\"", read, StringComparison.Ordinal);
        Assert.DoesNotContain($"/field/prices/edit/{id}", read, StringComparison.Ordinal);
        Assert.All(InternalNames, name => Assert.DoesNotContain(name, read, StringComparison.Ordinal));
        Assert.NotEqual(HttpStatusCode.OK, (await technician.GetAsync("/field/prices/edit")).Status);
        Assert.Equal(90m, (decimal)(long)(await api.GetFromJsonAsync<JsonArray>("/api/field/price-items"))!.Single(i => (int)i!["id"]! == id)!["priceFen"]! / 100m);

        // Someone who reads no jobs does not open the price list.
        using var clerk = await PageClient.SignInAsync(app, "adminclerk");
        Assert.NotEqual(HttpStatusCode.OK, (await clerk.GetAsync("/field/prices")).Status);
    }

    [Fact]
    public async Task EXP_01_the_claim_form_offers_the_claimants_finished_job_sheets_and_the_claim_links_their_numbers()
    {
        app.Clock.Set(Morning);
        using var coordinator = await app.ClientFor("sh.coord");
        var technicianId = await app.StaffIdAsync("sh.eng2");
        async Task<(int Id, string Number)> JobAsync()
        {
            using var created = await coordinator.SendJsonAsync("POST", "/api/field/jobs", new
            {
                type = "Repair", customerName = "报销关联客户", problem = "报销关联" + Guid.NewGuid().ToString("N")[..6], technicianId,
            });
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            var job = JsonNode.Parse(await created.Content.ReadAsStringAsync())!;
            return ((int)job["id"]!, (string)job["number"]!);
        }

        var (finishedId, finishedNumber) = await JobAsync();
        var (_, openNumber) = await JobAsync();
        using var technicianApi = await app.ClientFor("sh.eng2");
        foreach (var (step, body) in new (string, object)[] { ("set-out", new { }), ("arrive", new { }), ("finish", new { workDone = "调试完成", issue = "Other", cooperationFormCharged = false }) })
        {
            using var done = await technicianApi.SendJsonAsync("POST", $"/api/field/jobs/{finishedId}/{step}", body);
            Assert.True(done.StatusCode == HttpStatusCode.OK, $"{step}: {(int)done.StatusCode} {await done.Content.ReadAsStringAsync()}");
        }

        // The form offers the finished job, not the open one nor another technician's.
        using var technician = await PageClient.SignInAsync(app, "sh.eng2");
        var (_, claimForm) = await technician.GetAsync("/expenses/edit");
        Assert.Contains("<datalist id=\"job-sheets\"", claimForm, StringComparison.Ordinal);
        Assert.Contains($"<option value=\"{finishedNumber}\">", claimForm, StringComparison.Ordinal);
        Assert.Contains("list=\"job-sheets\"", claimForm, StringComparison.Ordinal);
        Assert.DoesNotContain($"<option value=\"{openNumber}\">", claimForm, StringComparison.Ordinal);
        using var other = await PageClient.SignInAsync(app, "sh.eng1");
        Assert.DoesNotContain($"<option value=\"{finishedNumber}\">", (await other.GetAsync("/expenses/edit")).Html, StringComparison.Ordinal);

        // Sixty-one days later it is no longer offered.
        app.Clock.Set(Morning.AddDays(61));
        Assert.DoesNotContain($"<option value=\"{finishedNumber}\">", (await technician.GetAsync("/expenses/edit")).Html, StringComparison.Ordinal);
        app.Clock.Set(Morning);

        // The claim's line names the job and a paper sheet: the job's number links to it, the other stays text.
        using var created = await technicianApi.PostAsJsonAsync("/api/expenses/claims", new
        {
            lines = new[] { new { date = "2026-11-29", category = "Meals", amount = 30m, receiptCount = 1, workOrders = $"{finishedNumber}，PAPER-0042" } },
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var claimId = (int)(await created.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;
        foreach (var url in new[] { $"/expenses/{claimId}", $"/expenses/{claimId}/print" })
        {
            var (status, page) = await technician.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Contains($"<a href=\"/field/jobs/{finishedId}\" data-job-link=\"{finishedNumber}\">{finishedNumber}</a>", page, StringComparison.Ordinal);
            Assert.Contains("，PAPER-0042", page, StringComparison.Ordinal);
            Assert.DoesNotContain("data-job-link=\"PAPER-0042\"", page, StringComparison.Ordinal);
        }
    }
}
