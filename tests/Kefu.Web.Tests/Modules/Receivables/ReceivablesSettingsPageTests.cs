using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Kefu.Web.Tests.Infrastructure;

namespace Kefu.Web.Tests.Modules.Receivables;

/// <summary>The receivables rules (AR-03..08) as an administrator changes them on the settings page, on SQLite.</summary>
public sealed class ReceivablesSettingsPageTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    private static readonly string[] InternalNames = ["ReceivablesAdmin.", "AgingBasis.", "RoundMove.", "FieldAdmin.", "AR-0", "PreviousWorkingDay", "InvoiceDate"];

    private static readonly string[] Numbers =
    [
        "retailDueWorkingDays", "defaultPaymentCycleDays", "dueWarningPercent", "omissionFineYuan", "roundOpensAtHour", "reviewOpensAtHour",
        "arrearsReminderDays", "arrearsLawyerLetterDays", "arrearsLawyerLetterMinYuan", "arrearsLawsuitDays", "arrearsLawsuitMinYuan", "arrearsCheckHour",
    ];

    /// <summary>The form as the page posts it, from the policy the API reads (enums as the numbers the page's options carry).</summary>
    private static Dictionary<string, string> Form(JsonObject policy)
    {
        var form = Numbers.ToDictionary(n => $"Values[{n}]", n => policy[n]!.ToString());
        form["Values[agingBucketEdges]"] = string.Join(", ", policy["agingBucketEdges"]!.AsArray().Select(e => (int)e!));
        form["Basis"] = ((int)Enum.Parse<Kefu.Core.Receivables.AgingBasis>(policy["agingBasis"]!.ToString())).ToString(System.Globalization.CultureInfo.InvariantCulture);
        form["Move"] = ((int)Enum.Parse<Kefu.Core.Receivables.RoundMove>(policy["roundMoveDirection"]!.ToString())).ToString(System.Globalization.CultureInfo.InvariantCulture);
        form["Weekday"] = ((int)Enum.Parse<DayOfWeek>(policy["roundWeekday"]!.ToString())).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return form;
    }

    [Fact]
    public async Task AR_03_08_the_administrator_changes_the_receivables_rules_on_the_settings_page_and_a_refused_value_shows_next_to_its_field()
    {
        using var api = await app.ClientFor("admin");
        var original = (await api.GetFromJsonAsync<JsonObject>("/api/settings/receivables-policy"))!;
        using var admin = await PageClient.SignInAsync(app, "admin");
        var (status, html) = await admin.GetAsync("/admin/settings/receivables");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("零售客户回款期限", html, StringComparison.Ordinal);
        Assert.Contains("律师函", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/admin/settings/receivables\"", html, StringComparison.Ordinal);
        Assert.All(InternalNames, name => Assert.DoesNotContain(name, html, StringComparison.Ordinal));
        // Every number the rules read has its field on the page (a rule added to the policy without one fails here).
        Assert.All(Form(original).Keys, name => Assert.Contains($"name=\"{name}\"", html, StringComparison.Ordinal));
        Assert.All(original.Select(p => p.Key), field => Assert.Contains($"id=\"f-{field}\"", html, StringComparison.Ordinal));

        try
        {
            var bad = Form(original);
            bad["Values[dueWarningPercent]"] = "0";
            bad["Values[agingBucketEdges]"] = "30, 20";
            bad["Values[arrearsLawsuitMinYuan]"] = "五千";
            bad["Values[retailDueWorkingDays]"] = "5";
            using (var refused = await admin.PostFormAsync("/admin/settings/receivables", "/admin/settings/receivables", bad))
            {
                Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
                var page = WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync());
                Assert.Contains("data-field=\"dueWarningPercent\">数值须在 1 到 99 之间。", page, StringComparison.Ordinal);
                Assert.Contains("data-field=\"agingBucketEdges\">", page, StringComparison.Ordinal);
                Assert.Contains("data-field=\"arrearsLawsuitMinYuan\">请输入数字", page, StringComparison.Ordinal);
                Assert.DoesNotContain("data-field=\"retailDueWorkingDays\"", page, StringComparison.Ordinal);
                Assert.Contains("value=\"五千\"", page, StringComparison.Ordinal);
            }

            // Nothing of the refused form was saved, not even its valid fields.
            Assert.Equal((int)original["retailDueWorkingDays"]!, (int)(await api.GetFromJsonAsync<JsonObject>("/api/settings/receivables-policy"))!["retailDueWorkingDays"]!);

            var good = Form(original);
            good["Values[retailDueWorkingDays]"] = "5";
            good["Values[agingBucketEdges]"] = "30，60，90，180";
            good["Values[omissionFineYuan]"] = "80.50";
            good["Basis"] = ((int)Kefu.Core.Receivables.AgingBasis.DueDate).ToString(System.Globalization.CultureInfo.InvariantCulture);
            good["Weekday"] = ((int)DayOfWeek.Saturday).ToString(System.Globalization.CultureInfo.InvariantCulture);
            using (var saved = await admin.PostFormAsync("/admin/settings/receivables", "/admin/settings/receivables", good))
            {
                Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
            }

            var changed = (await api.GetFromJsonAsync<JsonObject>("/api/settings/receivables-policy"))!;
            Assert.Equal(5, (int)changed["retailDueWorkingDays"]!);
            Assert.Equal([30, 60, 90, 180], changed["agingBucketEdges"]!.AsArray().Select(e => (int)e!).ToArray());
            Assert.Equal(80.50m, (decimal)changed["omissionFineYuan"]!);
            Assert.Equal("DueDate", changed["agingBasis"]!.ToString());
            Assert.Equal("Saturday", changed["roundWeekday"]!.ToString());
            Assert.Equal((int)original["arrearsLawsuitDays"]!, (int)changed["arrearsLawsuitDays"]!);

            // The aging page reads the saved buckets: five of them now.
            var (_, aging) = await admin.GetAsync("/receivables/aging");
            Assert.Contains("180", aging, StringComparison.Ordinal);
        }
        finally
        {
            using var restored = await api.PutAsJsonAsync("/api/settings/receivables-policy", original);
            Assert.Equal(HttpStatusCode.NoContent, restored.StatusCode);
        }

        using var manager = await PageClient.SignInAsync(app, "csmgr");
        Assert.NotEqual(HttpStatusCode.OK, (await manager.GetAsync("/admin/settings/receivables")).Status);
        var (_, english) = await admin.GetAsync("/admin/settings/receivables?culture=en");
        Assert.Contains("Retail customers pay within", english, StringComparison.Ordinal);
        Assert.All(InternalNames, name => Assert.DoesNotContain(name, english, StringComparison.Ordinal));
    }
}
