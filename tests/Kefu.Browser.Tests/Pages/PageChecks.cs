using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;

namespace Kefu.Browser.Tests.Pages;

/// <summary>
/// What every page must pass whatever its module (UI.md): no sideways scrolling on a phone, no
/// serious or critical axe-core finding. Each check returns readable findings, empty when the page passes.
/// </summary>
public static class PageChecks
{
    public const string DemoPassword = "Kefu-demo-2026";

    /// <summary>
    /// The page's width beyond the viewport, with the elements that stick out furthest (the deepest
    /// ones, which are the ones to fix), or null when the page fits.
    /// </summary>
    public static async Task<string?> SidewaysScrollAsync(IPage page, int width)
    {
        var result = await page.EvaluateAsync<JsonElement>("""
            (width) => {
              const scrollWidth = document.documentElement.scrollWidth;
              if (scrollWidth <= width) return null;
              const out = [];
              for (const el of document.body.querySelectorAll('*')) {
                const r = el.getBoundingClientRect();
                if (r.width === 0 || r.right <= width + 0.5) continue;
                // Only the deepest offenders: a parent that sticks out because of its child is not listed.
                if ([...el.children].some(c => c.getBoundingClientRect().right > width + 0.5)) continue;
                const id = el.id ? '#' + el.id : '';
                const cls = el.classList.length ? '.' + [...el.classList].slice(0, 3).join('.') : '';
                out.push(`${el.tagName.toLowerCase()}${id}${cls} (right ${Math.round(r.right)})`);
                if (out.length >= 5) break;
              }
              return { scrollWidth, out };
            }
            """, width);
        return result.ValueKind == JsonValueKind.Null
            ? null
            : $"{result.GetProperty("scrollWidth").GetInt32()} px wide; sticking out: {string.Join(", ", result.GetProperty("out").EnumerateArray().Select(e => e.GetString()))}";
    }

    private static string AxeScript
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Kefu.slnx")))
            {
                dir = dir.Parent;
            }

            // Copied from npm by Kefu.Web's build (package.json, NpmAsset), like htmx and Tabler.
            var path = Path.Combine(dir?.FullName ?? ".", "src", "Kefu.Web", "wwwroot", "lib", "axe-core", "axe.min.js");
            Assert.True(File.Exists(path), $"axe-core is missing at {path}: build src/Kefu.Web (npm ci copies it).");
            return path;
        }
    }

    /// <summary>axe-core's serious and critical findings on the page as it is now: "rule (impact): help — targets" per line.</summary>
    /// <summary>
    /// Waits until every chart of the page has drawn (charts.js marks it <c>data-finished</c>): what a
    /// reader sees once the page has settled, without waiting out a network-idle period per page.
    /// </summary>
    public static Task ChartsDrawnAsync(IPage page) =>
        page.WaitForFunctionAsync(
            "() => [...document.querySelectorAll('[data-chart]')].every(e => e.dataset.finished || e.offsetParent === null)",
            null, new() { Timeout = 10_000 });

    public static async Task<IReadOnlyList<string>> AxeSeriousAsync(IPage page)
    {
        await page.AddScriptTagAsync(new() { Path = AxeScript });
        var violations = await page.EvaluateAsync<JsonElement>("""
            async () => {
              const r = await axe.run(document, { resultTypes: ['violations'] });
              return r.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
                .map(v => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.slice(0, 8).map(n => n.target.join(' ')) }));
            }
            """);
        return violations.EnumerateArray()
            .Select(v => $"{v.GetProperty("id").GetString()} ({v.GetProperty("impact").GetString()}): {v.GetProperty("help").GetString()} — "
                + string.Join(" | ", v.GetProperty("targets").EnumerateArray().Select(t => t.GetString())))
            .ToList();
    }

    public static async Task<IPage> SignInAsync(IBrowserContext context, string baseUrl, string user, string password = DemoPassword)
    {
        var page = await context.NewPageAsync();
        var login = new LoginPage(page, baseUrl);
        await login.OpenAsync();
        await login.SignInAsync(user, password, "用户名", "密码", "登录");
        return page;
    }

    /// <summary>An API client signed in as a demo user (bearer token), for seeding what a page then shows.</summary>
    public static async Task<HttpClient> ApiAsync(string baseUrl, string user)
    {
        var client = new HttpClient { BaseAddress = new Uri(baseUrl) };
        using var token = await client.PostAsJsonAsync("/api/auth/token", new { userName = user, password = DemoPassword });
        token.EnsureSuccessStatusCode();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", (string)JsonNode.Parse(await token.Content.ReadAsStringAsync())!["accessToken"]!);
        return client;
    }

    /// <summary>A claim of <paramref name="user"/> (a draft, or submitted), so the claim pages have one to show.</summary>
    public static async Task<int> ClaimAsync(string baseUrl, string user, bool submit)
    {
        using var api = await ApiAsync(baseUrl, user);
        var yesterday = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).AddDays(-1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        using var claim = await api.PostAsJsonAsync("/api/expenses/claims", new
        {
            lines = new[] { new { date = yesterday, category = "CityTransport", amount = 36.5m, receiptCount = 1, description = "上门维修往返出租车，浦东新区张江高科技园区", workOrders = "WX-20261130-07" } },
            hasTravelSummary = false,
        });
        Assert.True(claim.IsSuccessStatusCode, await claim.Content.ReadAsStringAsync());
        var id = (int)JsonNode.Parse(await claim.Content.ReadAsStringAsync())!["id"]!;
        if (submit)
        {
            using var submitted = await api.PostAsJsonAsync($"/api/expenses/claims/{id}/submit", new { });
            Assert.True(submitted.IsSuccessStatusCode, await submitted.Content.ReadAsStringAsync());
        }

        return id;
    }

    /// <summary>The page of the first memo or request (kind: memos, samples, policies) of a status that <paramref name="user"/> sees: the demo seeds each.</summary>
    public static async Task<string> RequestAsync(string baseUrl, string user, string kind, string status)
    {
        using var api = await ApiAsync(baseUrl, user);
        var list = JsonNode.Parse(await api.GetStringAsync($"/api/requests/{kind}?status={status}"))!;
        var first = list["items"]!.AsArray().FirstOrDefault();
        Assert.True(first is not null, $"{user} sees no {status} {kind}");
        return "/requests/" + (int)first["id"]!;
    }

    /// <summary>The page of the first field job <paramref name="user"/> sees (state=Open: an open one), so the job page is checked as they see it.</summary>
    public static async Task<string> FieldJobAsync(string baseUrl, string user, string state = "Open")
    {
        using var api = await ApiAsync(baseUrl, user);
        var list = JsonNode.Parse(await api.GetStringAsync("/api/field/jobs?state=" + state))!;
        var first = list["items"]!.AsArray().FirstOrDefault();
        Assert.True(first is not null, $"{user} sees no {state} field job");
        return "/field/jobs/" + (int)first["id"]!;
    }

    /// <summary>
    /// A resident post at a new customer (lead sh.eng1, with sh.eng2), sh.eng1's report for last month
    /// there, and a team project (leader sh.lead, with the three Shanghai engineers): the pages of each.
    /// </summary>
    public static async Task<(string Post, string Report, string Project)> ResidentAndTeamAsync(string baseUrl)
    {
        async Task<JsonNode> PostJsonAsync(string user, string url, object body)
        {
            using var api = await ApiAsync(baseUrl, user);
            using var response = await api.PostAsJsonAsync(url, body);
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.IsSuccessStatusCode, $"{user} POST {url}: {(int)response.StatusCode} {text}");
            return JsonNode.Parse(text)!;
        }

        async Task<string> StaffIdAsync(string user)
        {
            using var api = await ApiAsync(baseUrl, "sh.coord");
            var rows = JsonNode.Parse(await api.GetStringAsync("/api/staff?q=" + Uri.EscapeDataString(user)))!["items"]!.AsArray();
            return (string)rows.Single(r => (string)r!["userName"]! == user)!["id"]!;
        }

        var suffix = Guid.NewGuid().ToString("N")[..6];
        var customer = (int)(await PostJsonAsync("sh.cs", "/api/customers", new { name = "上海张江数据中心运营管理有限公司（驻点）" + suffix, contactName = "刘主任", confirmDuplicate = true }))["id"]!;
        var (eng1, eng2, eng3, lead) = (await StaffIdAsync("sh.eng1"), await StaffIdAsync("sh.eng2"), await StaffIdAsync("sh.eng3"), await StaffIdAsync("sh.lead"));
        var post = (int)(await PostJsonAsync("sh.coord", "/api/field/resident-posts", new { name = "张江数据中心驻点" + suffix, customerId = customer, leadId = eng1, memberIds = new[] { eng2 } }))["id"]!;
        var today = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8));
        var lastMonth = today.AddMonths(-1).ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
        var report = (int)(await PostJsonAsync("sh.eng1", $"/api/field/resident-posts/{post}/reports", new
        {
            month = lastMonth, workSummary = "完成桌面支持 32 次，更换打印机硒鼓 6 个，机房巡检 4 次，处理网络故障 3 起", suggestions = "建议客户增加一台备用交换机",
        }))["id"]!;
        var project = (int)(await PostJsonAsync("sh.coord", "/api/field/team-projects", new
        {
            name = "张江数据中心机房整体搬迁项目" + suffix, customerId = customer, requirement = "搬迁 40 台服务器及网络设备并恢复上线",
            plannedStart = today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            plannedFinish = today.AddDays(14).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            leaderId = lead, memberIds = new[] { eng1, eng2, eng3 },
            tasks = new[] { new { title = "服务器下架、编号与打包", assigneeId = eng1, personDays = 8 }, new { title = "新机房上架、布线与联调", assigneeId = eng2, personDays = 12 } },
        }))["id"]!;
        return ($"/field/resident/{post}", $"/field/resident/reports/{report}", $"/field/teams/{project}");
    }

    /// <summary>A phone complaint recorded by <paramref name="user"/>, so the incident pages have one to show.</summary>
    public static async Task IncidentAsync(string baseUrl, string user)
    {
        using var api = await ApiAsync(baseUrl, user);
        var now = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8));
        using var complaint = await api.PostAsJsonAsync("/api/incidents", new
        {
            type = "CustomerComplaint", customerName = "上海浦江物流有限公司（浦东新区张江高科技园区仓库）", summary = "客户来电：冷藏货物到达时温度超标，要求赔偿并说明原因",
            receivedAt = now, phoneCallTo = "赵主任", phoneCallAt = now, sendReport = true,
        });
        Assert.True(complaint.IsSuccessStatusCode, await complaint.Content.ReadAsStringAsync());
    }
}
