using System.Net;
using Kefu.Web.Data;
using Kefu.Web.Modules.Expenses;
using Kefu.Web.Tests.Infrastructure;
using Kefu.Web.Tests.Platform.Clock;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Kefu.Web.Tests.Modules.Expenses;

/// <summary>
/// The claim form's "submit" through the page handler, as a browser posts it (cookie, antiforgery):
/// a submission a rule refuses keeps the person on the same form with what they typed and why,
/// saves nothing, and fixing it and submitting again makes exactly one claim.
/// </summary>
public abstract class ClaimFormTests(ClockApp app)
{
    private static readonly DateTimeOffset Monday = new(2026, 9, 14, 10, 0, 0, TimeSpan.FromHours(8));

    private static Dictionary<string, string> Form(string date, string category = "Meals", string amount = "58.00", bool submit = true, int? version = null)
    {
        var fields = new Dictionary<string, string>
        {
            ["Input.Lines[0].Date"] = date,
            ["Input.Lines[0].Category"] = category,
            ["Input.Lines[0].Amount"] = amount,
            ["Input.Lines[0].ReceiptCount"] = "1",
            ["Input.Lines[0].Description"] = "客户现场午餐",
            ["Input.Notes"] = "表单测试",
        };
        if (version is { } v)
        {
            fields["Input.Version"] = v.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        if (submit)
        {
            fields["submitClaim"] = "1";
        }

        return fields;
    }

    private async Task<string> NewClaimantAsync()
    {
        var userName = "form." + Guid.NewGuid().ToString("N")[..8];
        await app.CreateStaffAsync(userName, "SH", ["FieldEngineer"], KefuFactory.DemoPassword);
        return userName;
    }

    private Task<List<ExpenseClaim>> ClaimsOfAsync(string userName) => app.InScopeAsync(async sp =>
    {
        var db = sp.GetRequiredService<KefuDbContext>();
        var id = await db.Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync();
        return await db.Set<ExpenseClaim>().AsNoTracking().Include(c => c.Lines).Where(c => c.ClaimantId == id).ToListAsync();
    });

    [ProviderFact]
    public async Task EXP_04_a_new_form_refused_on_submit_stays_the_same_form_and_the_fixed_resubmission_makes_one_claim()
    {
        app.Clock.Set(Monday);
        var user = await NewClaimantAsync();
        using var page = await PageClient.SignInAsync(app, user);

        // More than a month old: the submission is refused.
        using (var refused = await page.PostFormAsync("/expenses/edit", "/expenses/edit", Form("2026-07-01")))
        {
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
            var html = System.Net.WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync());
            Assert.Contains("2026-07-01 的费用超过 1 个月", html, StringComparison.Ordinal); // the reason, next to the line
            Assert.Contains("value=\"2026-07-01\"", html, StringComparison.Ordinal); // what was typed is still there
            Assert.Contains("客户现场午餐", html, StringComparison.Ordinal);
        }

        Assert.Empty(await ClaimsOfAsync(user)); // no draft saved behind the person's back

        // Fixed and submitted again from the same (still new) form.
        using (var accepted = await page.PostFormAsync("/expenses/edit", "/expenses/edit", Form("2026-09-10")))
        {
            Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        }

        var claim = Assert.Single(await ClaimsOfAsync(user));
        Assert.Equal(ClaimStatus.InReview, claim.Status);
        Assert.Equal(1, claim.Number); // the claimant's first form (EXP-02)
        Assert.Equal(new DateOnly(2026, 9, 10), Assert.Single(claim.Lines).Date);
    }

    private static readonly (string, string, byte[]) Summary = ("TravelSummary", "出差汇总表.pdf", "%PDF-1.4\n% travel summary\n"u8.ToArray());

    [ProviderFact]
    public async Task EXP_01_a_travel_claim_without_the_summary_is_refused_then_sent_with_the_summary_from_the_same_form_is_one_claim()
    {
        app.Clock.Set(Monday);
        var user = await NewClaimantAsync();
        using var page = await PageClient.SignInAsync(app, user);

        using (var refused = await page.PostFormAsync("/expenses/edit", "/expenses/edit", Form("2026-09-10", category: "Travel", amount: "420.00")))
        {
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
            Assert.Contains("差旅费须附主管审批的半月出差汇总表", System.Net.WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        }

        Assert.Empty(await ClaimsOfAsync(user));

        // A file that is not a scan is refused too, and leaves nothing behind either.
        using (var badFile = await page.PostFormAsync("/expenses/edit", "/expenses/edit", Form("2026-09-10", category: "Travel", amount: "420.00"),
                   ("TravelSummary", "summary.txt", "just text"u8.ToArray())))
        {
            Assert.Equal(HttpStatusCode.OK, badFile.StatusCode);
            Assert.Contains("只接受 JPG、PNG 或 PDF 文件", System.Net.WebUtility.HtmlDecode(await badFile.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        }

        Assert.Empty(await ClaimsOfAsync(user));

        using (var accepted = await page.PostFormAsync("/expenses/edit", "/expenses/edit", Form("2026-09-10", category: "Travel", amount: "420.00"), Summary))
        {
            Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        }

        var claim = Assert.Single(await ClaimsOfAsync(user));
        Assert.Equal((ClaimStatus.InReview, 1, true), (claim.Status, claim.Number, claim.HasTravelSummary));
        var attachments = await app.InScopeAsync(sp => sp.GetRequiredService<KefuDbContext>().Set<Kefu.Web.Platform.Attachments.Attachment>().AsNoTracking()
            .Where(a => a.RecordType == ClaimUseCases.SubjectType && a.RecordId == claim.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToListAsync());
        Assert.Equal("TravelSummary", Assert.Single(attachments).Kind);
    }

    [ProviderFact]
    public async Task EXP_01_a_refused_submission_with_a_summary_leaves_no_attachment_and_no_file()
    {
        app.Clock.Set(Monday);
        var user = await NewClaimantAsync();
        using var page = await PageClient.SignInAsync(app, user);
        var files = Directory.Exists(AttachmentRoot) ? Directory.GetFiles(AttachmentRoot, "*", SearchOption.AllDirectories).Length : 0;

        // The summary is fine, but the line is too old (EXP-04): nothing stays, the stored file neither.
        using (var refused = await page.PostFormAsync("/expenses/edit", "/expenses/edit", Form("2026-07-01", category: "Travel", amount: "420.00"), Summary))
        {
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        }

        Assert.Empty(await ClaimsOfAsync(user));
        Assert.Equal(files, Directory.Exists(AttachmentRoot) ? Directory.GetFiles(AttachmentRoot, "*", SearchOption.AllDirectories).Length : 0);
    }

    private static readonly byte[] Jpeg = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 0x4A, 0x46, 0x49, 0x46];
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00];

    private int StoredFiles() => Directory.Exists(AttachmentRoot) ? Directory.GetFiles(AttachmentRoot, "*", SearchOption.AllDirectories).Length : 0;

    private Task<List<Kefu.Web.Platform.Attachments.Attachment>> AttachmentsOfAsync(string userName) => app.InScopeAsync(async sp =>
    {
        var db = sp.GetRequiredService<KefuDbContext>();
        var id = await db.Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync();
        return await db.Set<Kefu.Web.Platform.Attachments.Attachment>().AsNoTracking().Where(a => a.UploadedBy == id).OrderBy(a => a.Id).ToListAsync();
    });

    [ProviderFact]
    public async Task EXP_01_receipts_from_the_camera_and_the_summary_chosen_on_the_form_are_saved_with_the_submitted_claim()
    {
        app.Clock.Set(Monday);
        var user = await NewClaimantAsync();
        using var page = await PageClient.SignInAsync(app, user);
        var before = StoredFiles();

        using (var accepted = await page.PostFormAsync("/expenses/edit", "/expenses/edit", Form("2026-09-10", category: "Travel", amount: "420.00"),
                   [("Receipts", "车票.jpg", Jpeg), ("Receipts", "住宿发票.png", Png), Summary]))
        {
            Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        }

        var claim = Assert.Single(await ClaimsOfAsync(user));
        Assert.Equal((ClaimStatus.InReview, true), (claim.Status, claim.HasTravelSummary));
        var attachments = await AttachmentsOfAsync(user);
        Assert.Equal(
            [("TravelSummary", "出差汇总表.pdf", "application/pdf"), ("Receipt", "车票.jpg", "image/jpeg"), ("Receipt", "住宿发票.png", "image/png")],
            attachments.Select(a => (a.Kind, a.FileName, a.ContentType)).ToArray());
        Assert.All(attachments, a => Assert.Equal(claim.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), a.RecordId));
        Assert.Equal(before + 3, StoredFiles());

        // The claim's page lists them.
        var (_, html) = await page.GetAsync($"/expenses/{claim.Id}");
        Assert.Contains("车票.jpg", html, StringComparison.Ordinal);
        Assert.Contains("住宿发票.png", html, StringComparison.Ordinal);
    }

    [ProviderFact]
    public async Task PLT_02_one_bad_receipt_among_good_files_is_named_on_the_form_and_nothing_is_saved()
    {
        app.Clock.Set(Monday);
        var user = await NewClaimantAsync();
        using var page = await PageClient.SignInAsync(app, user);
        var before = StoredFiles();

        using (var refused = await page.PostFormAsync("/expenses/edit", "/expenses/edit", Form("2026-09-10", category: "Travel", amount: "420.00"),
                   [("Receipts", "车票.jpg", Jpeg), ("Receipts", "notes.txt", "not a scan"u8.ToArray()), Summary]))
        {
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
            var html = System.Net.WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync());
            Assert.Contains("文件“notes.txt”：只接受 JPG、PNG 或 PDF 文件。", html, StringComparison.Ordinal); // which file and why
            Assert.DoesNotContain("车票.jpg", html, StringComparison.Ordinal); // the good files are not blamed
            Assert.Contains("data-testid=\"files-not-kept\"", html, StringComparison.Ordinal); // and the person knows to choose them again
            Assert.Contains("value=\"420.00\"", html, StringComparison.Ordinal); // what was typed is still there
        }

        Assert.Empty(await ClaimsOfAsync(user));
        Assert.Empty(await AttachmentsOfAsync(user));
        Assert.Equal(before, StoredFiles()); // the good files written before the bad one was found are gone too
    }

    [ProviderFact]
    public async Task EXP_01_a_draft_saved_with_a_receipt_lists_it_on_the_form_and_a_second_receipt_joins_it_on_submit()
    {
        app.Clock.Set(Monday);
        var user = await NewClaimantAsync();
        using var page = await PageClient.SignInAsync(app, user);
        using (var draft = await page.PostFormAsync("/expenses/edit", "/expenses/edit", Form("2026-09-11", submit: false), [("Receipts", "午餐.jpg", Jpeg)]))
        {
            Assert.Equal(HttpStatusCode.Redirect, draft.StatusCode);
        }

        var saved = Assert.Single(await ClaimsOfAsync(user));
        Assert.Equal(ClaimStatus.Draft, saved.Status);
        var url = $"/expenses/edit/{saved.Id}";
        var (_, form) = await page.GetAsync(url);
        Assert.Contains("午餐.jpg", form, StringComparison.Ordinal);

        using (var submitted = await page.PostFormAsync(url, url, Form("2026-09-11", version: saved.Version), [("Receipts", "停车票.png", Png)]))
        {
            Assert.Equal(HttpStatusCode.Redirect, submitted.StatusCode);
        }

        Assert.Equal(ClaimStatus.InReview, Assert.Single(await ClaimsOfAsync(user)).Status);
        Assert.Equal(["午餐.jpg", "停车票.png"], (await AttachmentsOfAsync(user)).Select(a => a.FileName).ToArray());
    }

    private string AttachmentRoot => Path.Combine(app.Services.GetRequiredService<Kefu.Web.Platform.Database.DatabaseSettings>().DataDirectory, "attachments");

    [ProviderFact]
    public async Task EXP_04_an_existing_draft_refused_on_submit_keeps_its_saved_lines_and_version_and_resubmits()
    {
        app.Clock.Set(Monday);
        var user = await NewClaimantAsync();
        using var page = await PageClient.SignInAsync(app, user);
        using (var draft = await page.PostFormAsync("/expenses/edit", "/expenses/edit", Form("2026-09-11", submit: false)))
        {
            Assert.Equal(HttpStatusCode.Redirect, draft.StatusCode);
        }

        var before = Assert.Single(await ClaimsOfAsync(user));
        var url = $"/expenses/edit/{before.Id}";
        using (var refused = await page.PostFormAsync(url, url, Form("2026-06-30", version: before.Version)))
        {
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        }

        var after = Assert.Single(await ClaimsOfAsync(user));
        Assert.Equal((ClaimStatus.Draft, before.Version, new DateOnly(2026, 9, 11)), (after.Status, after.Version, Assert.Single(after.Lines).Date));

        // The version the form carries is still the current one: no conflict on the second try.
        using (var accepted = await page.PostFormAsync(url, url, Form("2026-09-12", version: before.Version)))
        {
            Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        }

        var submitted = Assert.Single(await ClaimsOfAsync(user));
        Assert.Equal((ClaimStatus.InReview, 1), (submitted.Status, submitted.Number));
    }

    [ProviderFact]
    public async Task EXP_02_the_claimant_deletes_a_draft_from_its_page()
    {
        app.Clock.Set(Monday);
        var user = await NewClaimantAsync();
        using var page = await PageClient.SignInAsync(app, user);
        using (var draft = await page.PostFormAsync("/expenses/edit", "/expenses/edit", Form("2026-09-11", submit: false)))
        {
            Assert.Equal(HttpStatusCode.Redirect, draft.StatusCode);
        }

        var id = Assert.Single(await ClaimsOfAsync(user)).Id;
        var (_, html) = await page.GetAsync($"/expenses/{id}");
        Assert.Contains("删除草稿", html, StringComparison.Ordinal);
        using (var deleted = await page.PostFormAsync($"/expenses/{id}", $"/expenses/{id}?handler=Delete", new Dictionary<string, string>()))
        {
            Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
            Assert.Equal("/expenses", deleted.Headers.Location?.OriginalString);
        }

        Assert.Empty(await ClaimsOfAsync(user));
    }
}

public sealed class ClaimFormTestsOnSqlite(SqliteClockApp app) : ClaimFormTests(app), IClassFixture<SqliteClockApp>;

public sealed class ClaimFormTestsOnPostgres(PostgresClockApp app) : ClaimFormTests(app), IClassFixture<PostgresClockApp>;
