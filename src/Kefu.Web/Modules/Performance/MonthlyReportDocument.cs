using System.Globalization;
using Kefu.Core.Performance;
using Kefu.Web.Platform.Export;
using Kefu.Web.Platform.Localization;
using PdfSharp.Drawing;
using PdfSharp.Pdf;
using Money = Kefu.Core.Money.Money;

namespace Kefu.Web.Modules.Performance;

/// <summary>What the PDF says about the approval: who approved it and when (company time), or that it is a draft.</summary>
public sealed record ReportSignOff(string? AuthorName, string? ApproverName, DateTime? ApprovedAt);

/// <summary>
/// The monthly CS work report (PERF-08, RPT-03) as a PDF, in Chinese (the company's language of
/// record), with the CJK font every Kefu PDF uses. Rendered from the stored figures only: the
/// archive is the figures as approved, never a new gathering.
/// </summary>
public sealed class MonthlyReportDocument(IConfiguration configuration)
{
    private const double Left = 50, Width = 495, LineHeight = 17;

    public CjkPdfFont Font { get; } = CjkPdfFont.FromConfiguration(configuration);

    /// <summary>The PDF, or null with the reason when no CJK font can be embedded.</summary>
    public (byte[]? Pdf, string? MissingReason) Render(MonthlyReportFigures figures, string? commentary, ReportSignOff signOff)
    {
        if (Font.Bytes is null)
        {
            return (null, Font.Problem);
        }

        CjkPdfFont.Register(Font);
        var chinese = CultureInfo.GetCultureInfo(LocalizationSetup.Chinese);
        string T(string key, params object?[] args) => LocalText.Of(key, args).Render(chinese);
        using var document = new PdfDocument();
        document.Info.Title = T("Report.Title") + " " + figures.UnitName + " " + figures.Month;
        var page = new Page(document);

        page.Heading(T("Report.Title"), 18);
        page.Text(T("Report.Subtitle", figures.UnitName, figures.Month));
        page.Text(T("Report.GatheredAt", Platform.CompanyTime.Format(figures.GatheredAt)) + (signOff.ApprovedAt is { } at
            ? "    " + T("Report.ApprovedBy", signOff.ApproverName ?? "", Platform.CompanyTime.Format(at))
            : "    " + T("Report.DraftMark")));
        page.Gap();

        var v = figures.Volumes;
        page.Heading(T("Report.Section.Volumes"));
        page.Rows([
            (T("Report.OrdersReceived"), Count(v.OrdersReceived)), (T("Report.OrdersDelivered"), Count(v.OrdersDelivered)),
            (T("Report.JobsReceived"), Count(v.JobsReceived)), (T("Report.JobsFinished"), Count(v.JobsFinished)),
            (T("Report.Incidents"), Count(v.Incidents)), (T("Report.Visits"), Count(v.Visits)), (T("Report.Callbacks"), Count(v.Callbacks)),
        ]);

        page.Heading(T("Report.Section.Sla"));
        if (figures.Sla.Count == 0)
        {
            page.Text(T("Report.NoDeadlines"));
        }
        else
        {
            page.Columns(T("Report.Kind"), T("Report.Due"), T("Report.Breached"), T("Report.Compliance"));
            foreach (var kind in figures.Sla.Append(figures.SlaOverall))
            {
                var name = kind.RecordType == "All" ? T("Report.AllKinds") : ReportLabels.Kind(kind.RecordType, key => T(key));
                page.Bar(name, Count(kind.Due), Count(kind.Breached), kind.CompliancePercent);
            }
        }

        var s = figures.Satisfaction;
        page.Heading(T("Report.Section.Satisfaction"));
        page.Rows([
            (T("Rating.VerySatisfied"), Count(s.VerySatisfied)), (T("Rating.Satisfied"), Count(s.Satisfied)), (T("Rating.Neutral"), Count(s.Neutral)),
            (T("Rating.Dissatisfied"), Count(s.Dissatisfied)), (T("Report.VerySatisfiedShare"), Percent(s.VerySatisfiedPercent)),
            (T("Report.SatisfiedShare"), Percent(s.SatisfiedOrBetterPercent)),
        ]);

        page.Heading(T("Report.Section.Complaints"));
        page.Rows([(T("Report.Complaints"), Count(figures.Complaints.Complaints)),
            .. figures.Complaints.IncidentsByType.Select(i => (T("IncidentType." + i.Kind), Count(i.Count)))]);

        var c = figures.Claims;
        var r = figures.Receivables;
        page.Heading(T("Report.Section.Money"));
        page.Rows([
            (T("Report.ClaimsSubmitted"), T("Report.CountAndAmount", c.Submitted, new Money(c.SubmittedFen))),
            (T("Report.ClaimsPaid"), T("Report.CountAndAmount", c.Paid, new Money(c.PaidFen))),
            (T("Report.Invoiced"), T("Report.CountAndAmount", r.Invoices, new Money(r.InvoicedFen))),
            (T("Report.Open"), new Money(r.OpenFen).ToString()), (T("Report.Overdue"), new Money(r.OverdueFen).ToString()),
        ]);

        var p = figures.Performance;
        page.Heading(T("Report.Section.Performance"));
        if (!p.Run)
        {
            page.Text(T("Report.PerformanceNotRun"));
        }
        else
        {
            page.Rows([
                (T("Report.People"), Count(p.People)), (T("Performance.Rewards"), new Money(p.RewardsFen).ToString()), (T("Performance.Fines"), new Money(p.FinesFen).ToString()),
                (T("Report.Ratings"), T("Report.RatingCounts", p.RatingA, p.RatingB, p.RatingC)),
                .. p.Top.Select((t, i) => (T("Report.TopPerformer", i + 1), T("Report.TopLine", t.Name, t.Score, new Money(t.NetFen)))),
            ]);
        }

        page.Heading(T("Report.Section.Commentary"));
        page.Paragraph(string.IsNullOrWhiteSpace(commentary) ? T("Report.NoCommentary") : commentary.Trim());
        page.Gap();
        page.Text(T("Report.Author", signOff.AuthorName ?? ""));
        page.Close();
        using var stream = new MemoryStream();
        document.Save(stream);
        return (stream.ToArray(), null);
    }

    private static string Count(int n) => n.ToString("N0", CultureInfo.InvariantCulture);

    private static string Percent(decimal? p) => p is { } value ? value.ToString("0.0", CultureInfo.InvariantCulture) + "%" : "—";

    /// <summary>A writer of A4 pages: it starts a new page when the next line would not fit.</summary>
    private sealed class Page(PdfDocument document)
    {
        private readonly XFont _regular = new(CjkPdfFont.Family, 10, XFontStyleEx.Regular);
        private XGraphics? _gfx;
        private PdfPage? _page;
        private double _y;

        private XGraphics Gfx
        {
            get
            {
                if (_gfx is null)
                {
                    _page = document.AddPage();
                    _page.Size = PdfSharp.PageSize.A4;
                    _gfx = XGraphics.FromPdfPage(_page);
                    _y = 60;
                }

                return _gfx;
            }
        }

        private void Room(double height)
        {
            _ = Gfx;
            if (_y + height > _page!.Height.Point - 50)
            {
                _gfx!.Dispose();
                _gfx = null;
                _ = Gfx;
            }
        }

        public void Heading(string text, double size = 13)
        {
            Room(size + 16);
            _y += 6;
            Gfx.DrawString(text, new XFont(CjkPdfFont.Family, size, XFontStyleEx.Regular), XBrushes.Black, Left, _y);
            _y += size * 0.6;
            Gfx.DrawLine(XPens.LightGray, Left, _y, Left + Width, _y);
            _y += LineHeight;
        }

        public void Text(string text)
        {
            Room(LineHeight);
            Gfx.DrawString(text, _regular, XBrushes.Black, Left, _y);
            _y += LineHeight;
        }

        public void Gap() => _y += LineHeight / 2;

        public void Rows(IEnumerable<(string Label, string Value)> rows)
        {
            foreach (var (label, value) in rows)
            {
                Room(LineHeight);
                Gfx.DrawString(label, _regular, XBrushes.Black, Left, _y);
                Gfx.DrawString(value, _regular, XBrushes.Black, new XRect(Left + 200, _y - 10, 200, 14), XStringFormats.TopRight);
                _y += LineHeight;
            }

            _y += 4;
        }

        public void Columns(string a, string b, string c, string d)
        {
            Room(LineHeight);
            Gfx.DrawString(a, _regular, XBrushes.Gray, Left, _y);
            Gfx.DrawString(b, _regular, XBrushes.Gray, new XRect(Left + 160, _y - 10, 50, 14), XStringFormats.TopRight);
            Gfx.DrawString(c, _regular, XBrushes.Gray, new XRect(Left + 220, _y - 10, 50, 14), XStringFormats.TopRight);
            Gfx.DrawString(d, _regular, XBrushes.Gray, Left + 290, _y);
            _y += LineHeight;
        }

        /// <summary>A row of the compliance table with its bar: the chart and the figures beneath one another in one line.</summary>
        public void Bar(string name, string due, string breached, decimal? percent)
        {
            Room(LineHeight);
            Gfx.DrawString(name, _regular, XBrushes.Black, Left, _y);
            Gfx.DrawString(due, _regular, XBrushes.Black, new XRect(Left + 160, _y - 10, 50, 14), XStringFormats.TopRight);
            Gfx.DrawString(breached, _regular, XBrushes.Black, new XRect(Left + 220, _y - 10, 50, 14), XStringFormats.TopRight);
            const double barLeft = Left + 290, barWidth = 150;
            Gfx.DrawRectangle(XPens.LightGray, barLeft, _y - 9, barWidth, 10);
            if (percent is { } value)
            {
                Gfx.DrawRectangle(value >= 95m ? XBrushes.SeaGreen : value >= 80m ? XBrushes.Orange : XBrushes.IndianRed, barLeft, _y - 9, barWidth * (double)value / 100, 10);
            }

            Gfx.DrawString(Percent(percent), _regular, XBrushes.Black, barLeft + barWidth + 8, _y);
            _y += LineHeight;
        }

        /// <summary>Text wrapped by width, character by character: Chinese has no spaces to break at.</summary>
        public void Paragraph(string text)
        {
            foreach (var paragraph in text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
            {
                var line = new System.Text.StringBuilder();
                foreach (var ch in paragraph)
                {
                    if (line.Length > 0 && Gfx.MeasureString(line.ToString() + ch, _regular).Width > Width)
                    {
                        Text(line.ToString());
                        line.Clear();
                    }

                    line.Append(ch);
                }

                Text(line.ToString());
            }
        }

        public void Close() => _gfx?.Dispose();
    }
}

/// <summary>The words for the report's kinds: a deadline's record type reads as the record's name; an unknown one as "other deadlines".</summary>
public static class ReportLabels
{
    public static string Kind(string recordType, Func<string, string> text)
    {
        var key = "RecordType." + recordType;
        var label = text(key);
        return label == key ? text("Report.OtherKind") : label;
    }
}
