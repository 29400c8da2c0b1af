using Kefu.Web.Modules.Intake;
using Kefu.Web.Modules.Receivables;
using Kefu.Web.Modules.Visits;

namespace Kefu.Web.Modules.Portal.Pages;

/// <summary>The customer's start page: what they asked for and where it stands, surveys to answer, statements to confirm.</summary>
public sealed class HomeModel(PortalUseCases portal, SurveyUseCases surveys) : PortalPageModel
{
    public IReadOnlyList<(IntakeItem Item, string StatusLabel, bool Done)> Requests { get; private set; } = [];
    public IReadOnlyList<(string Title, string Link, DateTime ExpiresAt)> Surveys { get; private set; } = [];
    public IReadOnlyList<ReceivableStatement> Statements { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Requests = await portal.RequestsAsync(Contact, 50, ct);
        var english = Platform.Localization.LocalizationSetup.IsEnglish;
        Surveys = (await portal.OpenSurveysAsync(Contact, ct))
            .Select(s => (english && s.TitleEn is not null ? s.TitleEn : s.Title, "/s/" + surveys.Token(s.Invitation), s.Invitation.ExpiresAt)).ToList();
        Statements = await portal.StatementsAsync(Contact, ct);
    }
}
