using System.Net;
using Kefu.Core.Incidents;
using Kefu.Web.Modules.Administration.Pages;
using Kefu.Web.Platform.Settings;
using Kefu.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Kefu.Web.Tests.Modules.Incidents;

using Money = Kefu.Core.Money.Money;

/// <summary>The incident rules (EXC-02..09) as an administrator changes them on the settings page, on SQLite (the page reads and writes the same policy record on both).</summary>
public sealed class IncidentSettingsPageTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    private static readonly string[] InternalNames = ["IncidentAdmin.", "FieldAdmin.", "EXC-0"];

    private async Task<IncidentPolicy> PolicyAsync()
    {
        using var scope = app.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<PolicyStore>().GetAsync<IncidentPolicy>(IncidentPolicy.Key);
    }

    private static Dictionary<string, string> Form(string html) =>
        IncidentSettingsModel.Whole.Concat(IncidentSettingsModel.Yuan).Concat(IncidentSettingsModel.Decimals).ToDictionary(f => $"Values[{f}]", f =>
        {
            var match = System.Text.RegularExpressions.Regex.Match(html, $"name=\"Values\\[{f}\\]\" value=\"([^\"]*)\"");
            Assert.True(match.Success, $"no field {f}");
            return match.Groups[1].Value;
        });

    [Fact]
    public async Task EXC_06_the_administrator_changes_the_damage_thresholds_and_fines_on_the_incident_settings_page()
    {
        var original = await PolicyAsync();
        using var admin = await PageClient.SignInAsync(app, "admin");
        var (status, html) = await admin.GetAsync("/admin/settings/incidents");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("当场赔付权限", html, StringComparison.Ordinal);
        Assert.Contains("金额巨大", html, StringComparison.Ordinal);
        Assert.Contains("报告不及时", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/admin/settings/incidents\"", html, StringComparison.Ordinal);
        Assert.Contains("value=\"500\"", html, StringComparison.Ordinal);
        Assert.All(InternalNames, name => Assert.DoesNotContain(name, html, StringComparison.Ordinal));
        var form = Form(html);

        try
        {
            var bad = new Dictionary<string, string>(form)
            {
                ["Values[largeDamageOver]"] = "100", // below the on-the-spot limit
                ["Values[lateReportFineAgent]"] = "五十",
                ["Values[emailReportMinutes]"] = "8",
            };
            using (var refused = await admin.PostFormAsync("/admin/settings/incidents", "/admin/settings/incidents", bad))
            {
                Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
                var page = WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync());
                Assert.Contains("data-field=\"lateReportFineAgent\">请输入数字", page, StringComparison.Ordinal);
                Assert.Contains("value=\"五十\"", page, StringComparison.Ordinal);
            }

            using (var refused = await admin.PostFormAsync("/admin/settings/incidents", "/admin/settings/incidents",
                       new Dictionary<string, string>(form) { ["Values[largeDamageOver]"] = "100" }))
            {
                var page = WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync());
                Assert.Contains("data-field=\"largeDamageOver\">数值须在 500 到", page, StringComparison.Ordinal);
            }

            // Nothing of a refused form was saved.
            Assert.Equal(original.EmailReportMinutes, (await PolicyAsync()).EmailReportMinutes);

            var good = new Dictionary<string, string>(form)
            {
                ["Values[agentCompensationAuthority]"] = "800", ["Values[largeDamageOver]"] = "20000.50", ["Values[lateReportFineAgent]"] = "50",
                ["Values[crossRegionToMarketingDirectorDays]"] = "1",
            };
            using (var saved = await admin.PostFormAsync("/admin/settings/incidents", "/admin/settings/incidents", good))
            {
                Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
            }

            var changed = await PolicyAsync();
            Assert.Equal(Money.FromYuan(800m), changed.AgentCompensationAuthority);
            Assert.Equal(Money.FromYuan(20_000.50m), changed.LargeDamageOver);
            Assert.Equal(Money.FromYuan(50m), changed.LateReportFineAgent);
            Assert.Equal(1m, changed.CrossRegionToMarketingDirectorDays);
            Assert.Equal(original.RecipientsBySource.Count, changed.RecipientsBySource.Count);
            // EXC-06 reads the saved limit: 700 is now within the agent's authority.
            Assert.True(DamageCompensation.Decide(Money.FromYuan(700m), changed).CompensateOnSpot);
        }
        finally
        {
            using var scope = app.Services.CreateScope();
            await scope.ServiceProvider.GetRequiredService<PolicyStore>().SaveAsync(IncidentPolicy.Key, original, "test");
        }

        using var manager = await PageClient.SignInAsync(app, "csmgr");
        Assert.NotEqual(HttpStatusCode.OK, (await manager.GetAsync("/admin/settings/incidents")).Status);
        var (_, english) = await admin.GetAsync("/admin/settings/incidents?culture=en");
        Assert.Contains("On-the-spot compensation limit", english, StringComparison.Ordinal);
    }
}
