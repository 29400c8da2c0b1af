using System.Buffers.Binary;
using System.Globalization;
using Kefu.Web.Platform.Export;
using Kefu.Web.Platform.Localization;
using PdfSharp.Drawing;
using PdfSharp.Fonts;
using PdfSharp.Pdf;
using Money = Kefu.Core.Money.Money;

namespace Kefu.Web.Modules.Receivables;

/// <summary>The files a statement travels as: always an Excel workbook; a PDF when a CJK font PDFsharp can embed is found.</summary>
public sealed record StatementFiles(byte[] Xlsx, byte[]? Pdf, string? PdfMissingReason);

/// <summary>
/// Renders a statement (AR-06) as Excel and PDF, in Chinese (the customer's language of record).
/// PDFsharp 6.2 embeds TrueType outlines only: Noto CJK (fonts-noto-cjk) is CFF inside a collection
/// and cannot be used. The font is the file named by <c>Receivables:StatementPdfFont</c>, else the
/// first TrueType CJK font of the Debian packages listed in <see cref="StatementFont.DefaultCandidates"/>.
/// </summary>
public sealed class StatementDocuments(IConfiguration configuration)
{
    public StatementFont Font { get; } = StatementFont.Find(configuration["Receivables:StatementPdfFont"]);

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
        StatementFont.Register(Font);
        using var document = new PdfDocument();
        document.Info.Title = t("Statements.Title", []);
        var regular = new XFont(StatementFont.Family, 10, XFontStyleEx.Regular);
        var heading = new XFont(StatementFont.Family, 16, XFontStyleEx.Regular);
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

/// <summary>The CJK font of the statement PDF: its bytes (one TrueType face), or why none was found.</summary>
public sealed class StatementFont
{
    public const string Family = "KefuStatementCjk";

    /// <summary>Debian packages with CJK TrueType outlines, in order of preference.</summary>
    public static readonly string[] DefaultCandidates =
    [
        "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", // fonts-wqy-microhei
        "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", // fonts-wqy-zenhei
        "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf", // fonts-droid-fallback
        "/usr/share/fonts/truetype/arphic/uming.ttc", // fonts-arphic-uming
    ];

    private static readonly Lock Gate = new();
    private static bool _registered;

    private StatementFont(string? path, byte[]? bytes, string? problem) => (Path, Bytes, Problem) = (path, bytes, problem);

    public string? Path { get; }
    public byte[]? Bytes { get; }
    public string? Problem { get; }

    /// <summary>The configured file when set (it must hold TrueType outlines), else the first default candidate that does.</summary>
    public static StatementFont Find(string? configured)
    {
        var candidates = string.IsNullOrWhiteSpace(configured) ? DefaultCandidates : [configured.Trim()];
        var reasons = new List<string>();
        foreach (var path in candidates)
        {
            if (!File.Exists(path))
            {
                reasons.Add($"{path}: not found");
                continue;
            }

            var face = Sfnt.FirstFace(File.ReadAllBytes(path));
            if (face is null)
            {
                reasons.Add($"{path}: not a font file");
            }
            else if (!Sfnt.HasTable(face, "glyf"))
            {
                reasons.Add($"{path}: PostScript (CFF) outlines, which PDFsharp cannot embed");
            }
            else
            {
                return new StatementFont(path, face, null);
            }
        }

        return new StatementFont(null, null, "No CJK TrueType font for the PDF (Receivables:StatementPdfFont, or install fonts-wqy-microhei). " + string.Join("; ", reasons));
    }

    /// <summary>PDFsharp's font resolver is process-wide and set once; it serves the face found first.</summary>
    internal static void Register(StatementFont font)
    {
        lock (Gate)
        {
            if (_registered)
            {
                return;
            }

            GlobalFontSettings.FontResolver = new Resolver(font.Bytes!);
            _registered = true;
        }
    }

    private sealed class Resolver(byte[] face) : IFontResolver
    {
        public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) => new(Family);

        public byte[]? GetFont(string faceName) => face;
    }
}

/// <summary>Just enough of the OpenType container to take one face out of a collection (.ttc) and see its outline kind.</summary>
internal static class Sfnt
{
    /// <summary>The first face as a standalone font file; the file itself when it is not a collection; null when it is no font.</summary>
    public static byte[]? FirstFace(byte[] data)
    {
        if (data.Length < 12)
        {
            return null;
        }

        if (Tag(data, 0) != "ttcf")
        {
            return IsSfnt(data, 0) ? data : null;
        }

        var offset = (int)BinaryPrimitives.ReadUInt32BigEndian(data.AsSpan(12));
        if (offset <= 0 || offset + 12 > data.Length || !IsSfnt(data, offset))
        {
            return null;
        }

        // Copy the face's table directory and tables into a file of its own, tables rebased and 4-byte aligned.
        int count = BinaryPrimitives.ReadUInt16BigEndian(data.AsSpan(offset + 4));
        var headerLength = 12 + (16 * count);
        if (offset + headerLength > data.Length)
        {
            return null;
        }

        var tables = new List<(int Record, int At, int Length)>();
        var size = headerLength;
        for (var i = 0; i < count; i++)
        {
            var record = offset + 12 + (16 * i);
            var at = (int)BinaryPrimitives.ReadUInt32BigEndian(data.AsSpan(record + 8));
            var length = (int)BinaryPrimitives.ReadUInt32BigEndian(data.AsSpan(record + 12));
            if (at < 0 || length < 0 || (long)at + length > data.Length)
            {
                return null;
            }

            tables.Add((record, at, length));
            size += (length + 3) & ~3;
        }

        var face = new byte[size];
        data.AsSpan(offset, headerLength).CopyTo(face);
        var next = headerLength;
        for (var i = 0; i < tables.Count; i++)
        {
            var (_, at, length) = tables[i];
            data.AsSpan(at, length).CopyTo(face.AsSpan(next));
            BinaryPrimitives.WriteUInt32BigEndian(face.AsSpan(12 + (16 * i) + 8), (uint)next);
            next += (length + 3) & ~3;
        }

        return face;
    }

    public static bool HasTable(byte[] face, string tag)
    {
        int count = BinaryPrimitives.ReadUInt16BigEndian(face.AsSpan(4));
        for (var i = 0; i < count && 12 + (16 * i) + 16 <= face.Length; i++)
        {
            if (Tag(face, 12 + (16 * i)) == tag)
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsSfnt(byte[] data, int at) =>
        Tag(data, at) is "OTTO" or "true" || BinaryPrimitives.ReadUInt32BigEndian(data.AsSpan(at)) == 0x00010000;

    private static string Tag(byte[] data, int at) => System.Text.Encoding.ASCII.GetString(data, at, 4);
}
