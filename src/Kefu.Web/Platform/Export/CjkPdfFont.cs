using System.Buffers.Binary;
using PdfSharp.Fonts;

namespace Kefu.Web.Platform.Export;

/// <summary>
/// The CJK font of Kefu's PDFs (statements, monthly reports): its bytes (one TrueType face), or why
/// none was found. PDFsharp 6.2 embeds TrueType outlines only: Noto CJK (fonts-noto-cjk) is CFF
/// inside a collection and cannot be used. The font is the file named by <c>Pdf:CjkFont</c> (or the
/// older <c>Receivables:StatementPdfFont</c>), else the first TrueType CJK font of the Debian
/// packages listed in <see cref="DefaultCandidates"/>. PDFsharp's font resolver is process-wide, so
/// every document registers this one.
/// </summary>
public sealed class CjkPdfFont
{
    public const string Family = "KefuCjk";

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

    private CjkPdfFont(string? path, byte[]? bytes, string? problem) => (Path, Bytes, Problem) = (path, bytes, problem);

    public string? Path { get; }
    public byte[]? Bytes { get; }
    public string? Problem { get; }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, CjkPdfFont> Found = new(StringComparer.Ordinal);

    /// <summary>The font the configuration names (or the default candidates), looked for once per process.</summary>
    public static CjkPdfFont FromConfiguration(IConfiguration configuration)
    {
        var configured = configuration["Pdf:CjkFont"] ?? configuration["Receivables:StatementPdfFont"];
        return Found.GetOrAdd(configured?.Trim() ?? "", Find);
    }

    /// <summary>The configured file when set (it must hold TrueType outlines), else the first default candidate that does.</summary>
    public static CjkPdfFont Find(string? configured)
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
                return new CjkPdfFont(path, face, null);
            }
        }

        return new CjkPdfFont(null, null, "No CJK TrueType font for the PDF (Pdf:CjkFont, or install fonts-wqy-microhei). " + string.Join("; ", reasons));
    }

    /// <summary>PDFsharp's font resolver is process-wide and set once; it serves the face found first.</summary>
    public static void Register(CjkPdfFont font)
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
