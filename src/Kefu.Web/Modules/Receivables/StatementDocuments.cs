using System.Globalization;
using Kefu.Web.Platform.Export;
using Kefu.Web.Platform.Localization;
using PdfSharp.Drawing;
using PdfSharp.Pdf;
using Money = Kefu.Core.Money.Money;

namespace Kefu.Web.Modules.Receivables;

/// <summary>The files a statement travels as: always an Excel workbook; a PDF when a CJK font PDFsharp can embed is found.</summary>
public sealed record StatementFiles(byte[] Xlsx, byte[]? Pdf, string? PdfMissingReason);

/// <summary>
/// Renders a statement (AR-06) as Excel and PDF, in Chinese (the customer's language of record),
/// with the CJK font every Kefu PDF uses (<see cref="CjkPdfFont"/>).
/// </summary>
public sealed class StatementDocuments(IConfiguration configuration)
{
    public CjkPdfFont Font { get; } = CjkPdfFont.FromConfiguration(configuration);

    public StatementFiles Render(ReceivableStatement statement, IReadOnlyList<StatementLine> lines)
    {
        var chinese = CultureInfo.GetCultureInfo(LocalizationSetup.Chinese);
        string T(string key, params object?[] args) => LocalText.Of(key, args).Render(chinese);
        static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        ExportColumn<StatementLine>[] columns =
        [
            new(T("Receivables.Number"), l => l.Number), new(T("Receivables.SoldOn"), l => Day(l.SoldOn)),
            new(T("Statements.Items"), l => l.Items), new(T("Receivables.Amount"), l => l.AmountFen / 100m),
        ];
        var total = new StatementLine { Number = T("Statements.Total"), Items = "", AmountFen = statement.TotalFen, SoldOn = statement.Month };
        var xlsx = TableExport.ToXlsx(T("Statements.Title"), columns, [.. lines, total]);
        if (Font.Bytes is null)
        {
            return new StatementFiles(xlsx, null, Font.Problem);
        }

        return new StatementFiles(xlsx, Pdf(statement, lines, T), null);
    }

    private byte[] Pdf(ReceivableStatement statement, IReadOnlyList<StatementLine> lines, Func<string, object?[], string> t)
    {
        CjkPdfFont.Register(Font);
        using var document = new PdfDocument();
        document.Info.Title = t("Statements.Title", []);
        var regular = new XFont(CjkPdfFont.Family, 10, XFontStyleEx.Regular);
        var heading = new XFont(CjkPdfFont.Family, 16, XFontStyleEx.Regular);
        PdfPage page = null!;
        XGraphics gfx = null!;
        double y = 0;
        const double left = 50, lineHeight = 18;
        void NewPage()
        {
            gfx?.Dispose();
            page = document.AddPage();
            page.Size = PdfSharp.PageSize.A4;
            gfx = XGraphics.FromPdfPage(page);
            y = 60;
        }

        NewPage();
        gfx.DrawString(t("Statements.Title", []) + " · " + statement.CustomerName, heading, XBrushes.Black, left, y);
        y += 28;
        gfx.DrawString(t("Statements.Month", []) + "：" + statement.Month.ToString("yyyy-MM", CultureInfo.InvariantCulture)
            + "    " + t("Statements.Number", []) + "：" + statement.Id.ToString(CultureInfo.InvariantCulture), regular, XBrushes.Black, left, y);
        y += 26;
        double[] at = [left, left + 110, left + 190, left + 420];
        void Row(string a, string b, string c, string d)
        {
            if (y > page.Height.Point - 60)
            {
                NewPage();
            }

            gfx.DrawString(a, regular, XBrushes.Black, at[0], y);
            gfx.DrawString(b, regular, XBrushes.Black, at[1], y);
            gfx.DrawString(c.Length > 24 ? c[..24] + "…" : c, regular, XBrushes.Black, at[2], y);
            gfx.DrawString(d, regular, XBrushes.Black, new XRect(at[3], y - 10, 75, 14), XStringFormats.TopRight);
            y += lineHeight;
        }

        Row(t("Receivables.Number", []), t("Receivables.SoldOn", []), t("Statements.Items", []), t("Receivables.Amount", []));
        gfx.DrawLine(XPens.Gray, left, y - 12, left + 495, y - 12);
        foreach (var line in lines)
        {
            Row(line.Number, line.SoldOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), line.Items, new Money(line.AmountFen).ToString());
        }

        gfx.DrawLine(XPens.Gray, left, y - 12, left + 495, y - 12);
        Row(t("Statements.Total", []), "", "", new Money(statement.TotalFen).ToString());
        Row(t("Statements.TotalInWords", []), "", Kefu.Core.Money.ChineseAmount.Of(new Money(statement.TotalFen)), "");
        gfx.Dispose();
        using var stream = new MemoryStream();
        document.Save(stream);
        return stream.ToArray();
    }
}
